/** An error whose message is written for the user and is safe to show them (ephemerally). */
export class UserFacingError extends Error {
	override name = 'UserFacingError';
}

/** The data cannot answer just now: its worker stopped and is being restarted, or it took too long. */
export class DataUnavailableError extends UserFacingError {
	override name = 'DataUnavailableError';
}

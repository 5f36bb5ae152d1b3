import type { DigestStore } from '../digest/store.js';
import type { AnswerStatus } from '../engine/answer.js';
import type { Logger } from '../logger.js';
import { gapKey, gapQuestion } from '../present/presentGaps.js';

/** Counts what the data could not answer, for the data editor; never in the way of a reply. */
export interface GapRecorder {
	/** A free-text question and how it went: not found and asked back are counted. */
	asked(question: string, dataset: string, status: AnswerStatus): void;
	/** Someone picked a reading of a question that was asked back (the menu's key). */
	picked(key: string): void;
}

export function createGapRecorder(store: DigestStore, logger: Logger, now: () => Date): GapRecorder {
	// A busy or failing store only loses a count: the reply has gone already.
	const safely = (what: string, write: () => void) => {
		try {
			write();
		} catch (error) {
			logger.warn({ err: error }, `could not count a gap (${what})`);
		}
	};
	return {
		asked(question, dataset, status) {
			if (status === 'answered' || gapQuestion(question) === '') return;
			const kind = status === 'not_found' ? 'not_found' : 'asked_back';
			safely(kind, () =>
				store.recordGap({
					key: gapKey(question),
					question: gapQuestion(question),
					dataset,
					kind,
					now: now().getTime(),
				}),
			);
		},
		picked(key) {
			safely('picked', () => store.markGapPicked(key));
		},
	};
}

/**
 * Characters that are not text but instructions to whatever shows it: C0/C1 controls (a terminal's
 * escape sequences: colours, hyperlinks, a window title), and the bidirectional marks, overrides and
 * isolates that reorder what follows them (a right-to-left override shows "2025" as "5202").
 */
export const CONTROL_CHARS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The text with each control character replaced by a space (line breaks and tabs are controls too). */
export function stripControls(text: string): string {
	return text.replace(CONTROL_CHARS, ' ');
}

/** Text for a terminal: each control character shown as its escape (`\u{1b}`), never acted on. */
export function terminalSafe(text: string): string {
	return text.replace(CONTROL_CHARS, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/**
 * A member's text, quoted under the bot's name, with no live link in it: "https://x.example" is
 * shown as "https[:]//x.example", which Discord neither links nor previews.
 */
export function unlinked(text: string): string {
	return text.replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//');
}

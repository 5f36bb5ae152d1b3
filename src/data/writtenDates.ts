const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * The ways a text may write an ISO date (2025-12-28): "December 28, 2025", "Dec. 28, 2025",
 * "28 December 2025", "28 Dec 2025", "2025-12-28", "28.12.2025", "12/28/2025", "28/12/2025".
 */
function writtenForms(iso: string): string[] {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const month = MONTHS[m - 1]!;
	const short = month.slice(0, 3);
	const dd = String(d).padStart(2, '0');
	const mm = String(m).padStart(2, '0');
	const days = [String(d), dd, `${d}th`, `${d}st`, `${d}nd`, `${d}rd`];
	return [
		iso,
		`${dd}.${mm}.${y}`,
		`${d}.${m}.${y}`,
		`${mm}/${dd}/${y}`,
		`${m}/${d}/${y}`,
		`${dd}/${mm}/${y}`,
		`${d}/${m}/${y}`,
		...[month, short, `${short}.`].flatMap((name) => days.flatMap((day) => [`${name} ${day}, ${y}`, `${name} ${day} ${y}`, `${day} ${name} ${y}`, `${day} ${name}, ${y}`, `${day} of ${name} ${y}`])),
	];
}

/** Whether `text` writes the ISO date `iso` in any usual form (case and spacing aside). */
export function dateIsWritten(iso: string, text: string): boolean {
	const flat = text.toLowerCase().replace(/\s+/g, ' ');
	const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
	// A form counts only as a whole: "4 march 2025" is not found inside "14 march 2025".
	return writtenForms(iso).some((form) => {
		for (let at = flat.indexOf(form); at >= 0; at = flat.indexOf(form, at + 1)) {
			if (!isDigit(flat[at - 1]) && !isDigit(flat[at + form.length])) return true;
		}
		return false;
	});
}

import { readFileSync } from 'node:fs';

/**
 * The characters a TrueType font can draw, read from its `cmap` table (the Unicode subtables of
 * format 4, the Basic Multilingual Plane, and format 12, every plane). resvg draws a character the
 * font lacks as an empty box; knowing the font's characters, a chart leaves those out instead.
 */
export function fontCoverage(path: string): (codePoint: number) => boolean {
	const font = readFileSync(path);
	const tables = font.readUInt16BE(4);
	let cmap = -1;
	for (let i = 0; i < tables; i++) {
		const record = 12 + i * 16;
		if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
	}
	if (cmap < 0) throw new Error(`${path}: no cmap table`);
	const ranges: [number, number][] = [];
	const subtables = font.readUInt16BE(cmap + 2);
	for (let i = 0; i < subtables; i++) {
		const record = cmap + 4 + i * 8;
		const [platform, encoding] = [font.readUInt16BE(record), font.readUInt16BE(record + 2)];
		// Unicode (platform 0) or Windows Unicode BMP / full repertoire (platform 3, encoding 1 or 10).
		if (!(platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10)))) continue;
		const at = cmap + font.readUInt32BE(record + 4);
		const format = font.readUInt16BE(at);
		if (format === 4) {
			const segments = font.readUInt16BE(at + 6) / 2;
			const ends = at + 14;
			const starts = ends + segments * 2 + 2;
			for (let s = 0; s < segments; s++) {
				const [start, end] = [font.readUInt16BE(starts + s * 2), font.readUInt16BE(ends + s * 2)];
				if (start !== 0xffff) ranges.push([start, end]);
			}
		} else if (format === 12) {
			const groups = font.readUInt32BE(at + 12);
			for (let g = 0; g < groups; g++) {
				const group = at + 16 + g * 12;
				ranges.push([font.readUInt32BE(group), font.readUInt32BE(group + 4)]);
			}
		}
	}
	// Merged and sorted: a binary search per character.
	ranges.sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const [start, end] of ranges) {
		const last = merged.at(-1);
		if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
		else merged.push([start, end]);
	}
	return (codePoint) => {
		let [lo, hi] = [0, merged.length - 1];
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1;
			const [start, end] = merged[mid]!;
			if (codePoint < start) hi = mid - 1;
			else if (codePoint > end) lo = mid + 1;
			else return true;
		}
		return false;
	};
}

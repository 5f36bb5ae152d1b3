import { readFileSync } from 'node:fs';

/**
 * How wide a TrueType font draws text: each character's advance width, read from the font's own
 * tables (`cmap` format 4 for the glyph of a character of the Basic Multilingual Plane, `hmtx` for
 * its advance, `head` for the units per em). A chart's title and notes are wrapped, and a test
 * proves that no text runs off the canvas or into other text, by the widths the PNG will have.
 * Kerning is left out: it narrows text, so a width measured without it is never too small.
 */
export interface FontMetrics {
	/** The width of `text` at `size` pixels. */
	width(text: string, size: number): number;
}

export function fontMetrics(path: string): FontMetrics {
	const font = readFileSync(path);
	const table = (tag: string) => {
		const count = font.readUInt16BE(4);
		for (let i = 0; i < count; i++) {
			const record = 12 + i * 16;
			if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
		}
		throw new Error(`${path}: no ${tag} table`);
	};
	const unitsPerEm = font.readUInt16BE(table('head') + 18);
	const metricsCount = font.readUInt16BE(table('hhea') + 34);
	const hmtx = table('hmtx');
	const advanceOf = (glyph: number) => font.readUInt16BE(hmtx + 4 * Math.min(glyph, metricsCount - 1));
	const glyphOf = cmap4(font, table('cmap'));
	const widths = new Map<number, number>();
	// A character the font lacks is measured as its widest common letter, never as nothing.
	const fallback = advanceOf(glyphOf('W'.codePointAt(0)!) || 0);
	return {
		width(text, size) {
			let units = 0;
			for (const char of text) {
				const code = char.codePointAt(0)!;
				let advance = widths.get(code);
				if (advance === undefined) {
					const glyph = glyphOf(code);
					advance = glyph === 0 ? fallback : advanceOf(glyph);
					widths.set(code, advance);
				}
				units += advance;
			}
			return (units * size) / unitsPerEm;
		},
	};
}

/** The glyph of a character by the font's Unicode BMP subtable (format 4); 0 (the missing glyph) if none. */
function cmap4(font: Buffer, cmap: number): (code: number) => number {
	const subtables = font.readUInt16BE(cmap + 2);
	for (let i = 0; i < subtables; i++) {
		const record = cmap + 4 + i * 8;
		const [platform, encoding] = [font.readUInt16BE(record), font.readUInt16BE(record + 2)];
		if (!(platform === 0 || (platform === 3 && encoding === 1))) continue;
		const at = cmap + font.readUInt32BE(record + 4);
		if (font.readUInt16BE(at) !== 4) continue;
		const segments = font.readUInt16BE(at + 6) / 2;
		const ends = at + 14;
		const starts = ends + segments * 2 + 2;
		const deltas = starts + segments * 2;
		const rangeOffsets = deltas + segments * 2;
		return (code) => {
			if (code > 0xffff) return 0;
			for (let s = 0; s < segments; s++) {
				if (code > font.readUInt16BE(ends + s * 2)) continue;
				const start = font.readUInt16BE(starts + s * 2);
				if (code < start) return 0;
				const delta = font.readInt16BE(deltas + s * 2);
				const offset = font.readUInt16BE(rangeOffsets + s * 2);
				if (offset === 0) return (code + delta) & 0xffff;
				const glyph = font.readUInt16BE(rangeOffsets + s * 2 + offset + (code - start) * 2);
				return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
			}
			return 0;
		};
	}
	throw new Error('no Unicode BMP cmap subtable (format 4)');
}

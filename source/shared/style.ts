// Colour for human output: only on a TTY, never with NO_COLOR, and as the
// --color flag says. ANSI codes written by hand to keep start-up light.
export function colorEnabled(mode: string, stream: NodeJS.WriteStream = process.stdout): boolean {
	if (mode === 'always') return true;
	if (mode === 'never') return false;
	return Boolean(stream.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

const codes = {
	bold: [1, 22],
	dim: [2, 22],
	red: [31, 39],
	green: [32, 39],
	yellow: [33, 39],
	blue: [34, 39],
	magenta: [35, 39],
	cyan: [36, 39],
	gray: [90, 39],
} as const;

export type StyleName = keyof typeof codes;
export type Styler = (style: StyleName, text: string) => string;

export function styler(enabled: boolean): Styler {
	return (style, text) => (enabled ? `\u001B[${codes[style][0]}m${text}\u001B[${codes[style][1]}m` : text);
}

/** Visible width of text that may hold ANSI colour codes (ASCII-width approximation for table layout). */
export function visibleLength(text: string): number {
	// eslint-disable-next-line no-control-regex
	return [...text.replace(/\u001B\[[0-9;]*m/g, '')].length;
}

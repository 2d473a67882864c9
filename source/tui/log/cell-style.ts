// Converting xterm cell attributes into props Ink's <Text> understands.
//
// Mapping (one rule, used everywhere): palette indices 0-15 become chalk colour
// names ('red', 'blueBright', ...) so they follow the user's terminal theme,
// exactly as the program's own SGR 31 would have; indices 16-255 and truecolor
// become '#rrggbb'. An index below 16 maps to a name however it was selected
// (SGR 31 and SGR 38;5;1 both give 'red'), so equal colours compare equal.

export type CellStyle = {
	fg?: string;
	bg?: string;
	bold?: boolean;
	dim?: boolean;
	italic?: boolean;
	underline?: boolean;
	inverse?: boolean;
	strikethrough?: boolean;
};

export type StyledSegment = {text: string; style: CellStyle};

export type StyledLine = {
	segments: StyledSegment[];
	/** True when this row continues the previous one (the program's line was longer than the pty). */
	wrapped: boolean;
};

const ansiNames = [
	'black',
	'red',
	'green',
	'yellow',
	'blue',
	'magenta',
	'cyan',
	'white',
	'blackBright',
	'redBright',
	'greenBright',
	'yellowBright',
	'blueBright',
	'magentaBright',
	'cyanBright',
	'whiteBright',
] as const;

function hex(rgb: number): string {
	return `#${(rgb & 0xff_ff_ff).toString(16).padStart(6, '0')}`;
}

// The xterm 256-colour palette: a 6x6x6 cube then 24 greys.
const cubeLevels = [0, 95, 135, 175, 215, 255] as const;

function paletteColor(index: number): string {
	if (index < 16) return ansiNames[index] ?? 'white';
	if (index < 232) {
		const n = index - 16;
		const r = cubeLevels[Math.floor(n / 36)] ?? 0;
		const g = cubeLevels[Math.floor(n / 6) % 6] ?? 0;
		const b = cubeLevels[n % 6] ?? 0;
		return hex((r << 16) | (g << 8) | b);
	}

	const level = 8 + (index - 232) * 10;
	return hex((level << 16) | (level << 8) | level);
}

// Computed once: colour conversion runs for every segment of every visible row.
const palette: readonly string[] = Array.from({length: 256}, (_, i) => paletteColor(i));

/** A palette index (0-255) as an Ink colour. */
export function paletteToInk(index: number): string {
	return palette[index & 0xff] ?? 'white';
}

/** A 0xRRGGBB value as an Ink colour. */
export function rgbToInk(rgb: number): string {
	return hex(rgb);
}

export function sameStyle(a: CellStyle, b: CellStyle): boolean {
	return (
		a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse && a.strikethrough === b.strikethrough
	);
}

/** Appends segments, merging a segment into the previous one when their styles are equal. */
export function appendSegments(target: StyledSegment[], more: readonly StyledSegment[]): StyledSegment[] {
	for (const segment of more) {
		if (segment.text === '') continue;
		const last = target.at(-1);
		if (last && sameStyle(last.style, segment.style)) {
			target[target.length - 1] = {text: last.text + segment.text, style: last.style};
		} else {
			target.push(segment);
		}
	}

	return target;
}

// A task's output replayed into a headless terminal the size of the task's pty.
// Raw pty bytes cannot go into <Text>: `\r`, cursor moves, erase-line and the
// alternate screen only mean something to a terminal emulator, so we let xterm
// interpret them and read its cell buffer back as styled segments, reading only
// the rows the UI asks for. It stays one file: it is one class around one xterm
// instance, and writing, trimming, reading cells and searching all work on that
// terminal's buffers (cell styles are already apart in cell-style.ts).
import * as xtermHeadless from '@xterm/headless';
import type {IBuffer, IBufferCell, IBufferLine, IDisposable, Terminal} from '@xterm/headless';
import {appendSegments, paletteToInk, rgbToInk, type CellStyle, type StyledLine, type StyledSegment} from './cell-style.js';

export type {CellStyle, StyledLine, StyledSegment} from './cell-style.js';

// @xterm/headless is CommonJS and Node's ESM loader does not detect its named
// exports: under Node the class is on the default export, in bundles (esbuild)
// it may be on either.
const XtermTerminal = xtermHeadless.Terminal ?? (xtermHeadless as unknown as {default: typeof xtermHeadless}).default.Terminal;

export type TerminalBufferOptions = {
	cols: number;
	rows: number;
	/** Lines kept above the screen; older ones are dropped (default 5000). */
	scrollback?: number;
};

export type SearchMatch = {line: number; column: number};

// Style bits, compared per cell to find where a segment ends.
const BOLD = 1;
const DIM = 2;
const ITALIC = 4;
const UNDERLINE = 8;
const INVERSE = 16;
const STRIKE = 32;
const INVISIBLE = 64;

// xterm keeps each buffer's lines in a circular list that drops its oldest line
// when the scrollback is full, and only tells about it through this internal
// event. We need it to keep a paused view on the same text and to count the new
// lines exactly; a test fails loudly if an xterm upgrade removes it.
type TrimmableLines = {onTrim: (listener: (amount: number) => void) => IDisposable};
type InternalTerminal = {
	_core?: {buffers?: {normal?: {lines?: TrimmableLines}; alt?: {lines?: TrimmableLines}}};
};
type BufferKind = 'normal' | 'alt';

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

export class TerminalBuffer {
	readonly terminal: Terminal;
	private readonly cell: IBufferCell;
	private written = 0;
	private parsed = 0;
	private waiters: Array<{until: number; resolve: () => void}> = [];
	private cachedLineCount: number | undefined;
	private readonly trimmed = {normal: 0, alt: 0};
	private readonly hooked: Record<BufferKind, {lines: TrimmableLines; subscription: IDisposable} | undefined> = {
		normal: undefined,
		alt: undefined,
	};
	private disposed = false;
	private changes = 0;

	constructor(options: TerminalBufferOptions) {
		this.terminal = new XtermTerminal({
			cols: Math.max(1, options.cols),
			rows: Math.max(1, options.rows),
			scrollback: options.scrollback ?? 5000,
			// The daemon turns the pty's ONLCR off, so most lines end in a bare "\n":
			// a terminal would only move down, leaving the next line indented.
			convertEol: true,
			// @xterm/headless still counts the buffer API (terminal.buffer) as proposed.
			allowProposedApi: true,
		});
		this.cell = this.terminal.buffer.active.getNullCell();
		this.hookTrims();
	}

	get cols(): number {
		return this.terminal.cols;
	}

	get rows(): number {
		return this.terminal.rows;
	}

	/** Bumped whenever parsed content may have changed (writes parsed, resizes). */
	get generation(): number {
		return this.changes;
	}

	/** Writes not parsed yet. */
	get pending(): number {
		return this.written - this.parsed;
	}

	/**
	 * How many lines were dropped from the top of the active buffer so far: the
	 * absolute number of line 0. Absolute numbers (firstLine + line) keep naming
	 * the same text while old lines are dropped.
	 */
	get firstLine(): number {
		return this.trimmed[this.activeKind()];
	}

	/** Scrollback plus screen lines, without the empty lines at the bottom of the screen. */
	get lineCount(): number {
		this.cachedLineCount ??= this.countLines();
		return this.cachedLineCount;
	}

	/** True while a full-screen program has switched to the alternate screen. */
	get alternateScreen(): boolean {
		return this.terminal.buffer.active.type === 'alternate';
	}

	write(data: Uint8Array | string): void {
		if (this.disposed) return;
		this.written++;
		const sequence = this.written;
		this.cachedLineCount = undefined;
		// xterm copies nothing: it decodes `data` later, in its own time slices.
		// Callers hand us Buffers from a stream, which nobody mutates afterwards.
		this.terminal.write(data, () => {
			this.parsed = sequence;
			this.changes++;
			this.cachedLineCount = undefined;
			this.hookTrims();
			this.releaseWaiters();
		});
	}

	/** Resolves when everything written before this call has been parsed. */
	async flush(): Promise<void> {
		if (this.parsed >= this.written || this.disposed) return;
		const until = this.written;
		return new Promise((resolve) => {
			this.waiters.push({until, resolve});
		});
	}

	/** Follows a resize of the task's pty (xterm reflows the normal buffer). */
	resize(cols: number, rows: number): void {
		if (this.disposed) return;
		cols = Math.max(1, cols);
		rows = Math.max(1, rows);
		if (cols === this.cols && rows === this.rows) return;
		this.terminal.resize(cols, rows);
		this.changes++;
		this.cachedLineCount = undefined;
	}

	dispose(): void {
		if (this.disposed) return;
		this.disposed = true;
		for (const hook of Object.values(this.hooked)) hook?.subscription.dispose();
		this.terminal.dispose();
		// Parsing stops with the terminal: nobody may wait forever.
		this.parsed = this.written;
		this.releaseWaiters();
	}

	/** True when `line` continues the previous line (wrapped at the pty width). */
	isWrapped(line: number): boolean {
		return this.buffer().getLine(line)?.isWrapped ?? false;
	}

	/** Columns used by `line`, trailing blanks excluded. */
	lineWidth(line: number): number {
		const row = this.buffer().getLine(line);
		return row ? this.contentWidth(row) : 0;
	}

	/** Lines start..start+count-1 (clamped to lineCount), trailing blanks trimmed. */
	getLines(start: number, count: number): StyledLine[] {
		const buffer = this.buffer();
		const end = Math.min(this.lineCount, start + count);
		const lines: StyledLine[] = [];
		for (let y = Math.max(0, start); y < end; y++) {
			const row = buffer.getLine(y);
			if (!row) break;
			lines.push({segments: this.readCells(row, 0, this.cols, true), wrapped: row.isWrapped});
		}

		return lines;
	}

	/**
	 * Columns [startColumn, endColumn) of one line. A wide character cut by either
	 * edge becomes a space so the result is exactly as wide as the range (or less
	 * when trimmed).
	 */
	getLineRange(line: number, startColumn: number, endColumn: number, trimRight = true): StyledSegment[] {
		const row = this.buffer().getLine(line);
		if (!row) return [];
		return this.readCells(row, Math.max(0, startColumn), Math.min(this.cols, endColumn), trimRight);
	}

	/**
	 * Case-insensitive plain-text search. Searches whole logical lines, so a match
	 * cut by the pty's wrapping is found; `line`/`column` is where it starts.
	 */
	search(query: string): SearchMatch[] {
		if (query === '') return [];
		const pattern = new RegExp(escapeRegExp(query), 'giu');
		const buffer = this.buffer();
		const count = this.lineCount;
		const matches: SearchMatch[] = [];
		let start = 0;
		while (start < count) {
			let end = start + 1;
			while (end < count && buffer.getLine(end)?.isWrapped) end++;
			// translateToString is xterm's fast path; only lines that match pay for
			// the cell walk that maps string offsets back to columns.
			let text = '';
			for (let y = start; y < end; y++) text += buffer.getLine(y)?.translateToString(y === end - 1) ?? '';
			pattern.lastIndex = 0;
			if (pattern.test(text)) this.collectMatches(buffer, start, end, pattern, matches);
			start = end;
		}

		return matches;
	}

	private collectMatches(buffer: IBuffer, start: number, end: number, pattern: RegExp, matches: SearchMatch[]): void {
		// Same string as translateToString, with the cell of every UTF-16 unit.
		let text = '';
		const lines: number[] = [];
		const columns: number[] = [];
		const cell = this.cell;
		for (let y = start; y < end; y++) {
			const row = buffer.getLine(y);
			if (!row) break;
			const width = y === end - 1 ? this.contentWidth(row) : this.cols;
			for (let x = 0; x < width; x++) {
				row.getCell(x, cell);
				if (cell.getWidth() === 0) continue;
				const chars = cell.getChars() || ' ';
				text += chars;
				for (let i = 0; i < chars.length; i++) {
					lines.push(y);
					columns.push(x);
				}
			}
		}

		pattern.lastIndex = 0;
		for (const match of text.matchAll(pattern)) {
			const line = lines[match.index];
			const column = columns[match.index];
			if (line !== undefined && column !== undefined) matches.push({line, column});
		}
	}

	private buffer(): IBuffer {
		return this.terminal.buffer.active;
	}

	private activeKind(): BufferKind {
		return this.terminal.buffer.active.type === 'normal' ? 'normal' : 'alt';
	}

	private hookTrims(): void {
		const buffers = (this.terminal as unknown as InternalTerminal)._core?.buffers;
		for (const kind of ['normal', 'alt'] as const) {
			const lines = buffers?.[kind]?.lines;
			// A full reset (RIS) replaces the buffers and their line lists.
			if (!lines || typeof lines.onTrim !== 'function' || this.hooked[kind]?.lines === lines) continue;
			this.hooked[kind]?.subscription.dispose();
			const subscription = lines.onTrim((amount) => {
				this.trimmed[kind] += amount;
			});
			this.hooked[kind] = {lines, subscription};
		}
	}

	private releaseWaiters(): void {
		if (this.waiters.length === 0) return;
		const ready = this.waiters.filter((waiter) => waiter.until <= this.parsed);
		this.waiters = this.waiters.filter((waiter) => waiter.until > this.parsed);
		for (const waiter of ready) waiter.resolve();
	}

	private countLines(): number {
		const buffer = this.buffer();
		const screenTop = buffer.baseY;
		for (let y = Math.min(buffer.length, screenTop + this.rows) - 1; y >= screenTop; y--) {
			const row = buffer.getLine(y);
			if (row && this.contentWidth(row) > 0) return y + 1;
		}

		return screenTop;
	}

	// A blank is a space nobody would see: default background, no inverse or
	// underline. The right half of a wide character is not blank.
	private isBlank(cell: IBufferCell): boolean {
		if (cell.getWidth() !== 1) return false;
		const chars = cell.getChars();
		if (chars !== '' && chars !== ' ') return false;
		return cell.isBgDefault() && !cell.isInverse() && !cell.isUnderline() && !cell.isStrikethrough();
	}

	private contentWidth(row: IBufferLine): number {
		const cell = this.cell;
		for (let x = Math.min(row.length, this.cols) - 1; x >= 0; x--) {
			row.getCell(x, cell);
			if (!this.isBlank(cell)) return x + 1;
		}

		return 0;
	}

	private readCells(row: IBufferLine, from: number, to: number, trimRight: boolean): StyledSegment[] {
		const cell = this.cell;
		const end = trimRight ? Math.min(to, this.contentWidth(row)) : Math.min(to, row.length);
		const segments: StyledSegment[] = [];
		let text = '';
		let fgMode = -1;
		let fg = -1;
		let bgMode = -1;
		let bg = -1;
		let flags = -1;
		let style: CellStyle = {};
		for (let x = from; x < end; x++) {
			row.getCell(x, cell);
			const width = cell.getWidth();
			let chars: string;
			if (width === 0) {
				// Right half of a wide character: skipped, unless the range starts here.
				if (x !== from) continue;
				chars = ' ';
			} else if (width === 2 && x + 1 >= to) {
				chars = ' ';
			} else {
				chars = cell.getChars() || ' ';
			}

			const cellFlags =
				(cell.isBold() ? BOLD : 0) |
				(cell.isDim() ? DIM : 0) |
				(cell.isItalic() ? ITALIC : 0) |
				(cell.isUnderline() ? UNDERLINE : 0) |
				(cell.isInverse() ? INVERSE : 0) |
				(cell.isStrikethrough() ? STRIKE : 0) |
				(cell.isInvisible() ? INVISIBLE : 0);
			if (cellFlags & INVISIBLE) chars = ' '.repeat(chars === ' ' ? 1 : width);
			const cellFgMode = cell.getFgColorMode();
			const cellFg = cell.getFgColor();
			const cellBgMode = cell.getBgColorMode();
			const cellBg = cell.getBgColor();
			if (cellFlags !== flags || cellFgMode !== fgMode || cellFg !== fg || cellBgMode !== bgMode || cellBg !== bg) {
				if (text !== '') segments.push({text, style});
				text = '';
				flags = cellFlags;
				fgMode = cellFgMode;
				fg = cellFg;
				bgMode = cellBgMode;
				bg = cellBg;
				style = this.styleOf(cell, cellFlags);
			}

			text += chars;
		}

		if (text !== '') segments.push({text, style});
		return mergeEqualStyles(segments);
	}

	private styleOf(cell: IBufferCell, flags: number): CellStyle {
		const style: CellStyle = {};
		if (cell.isFgPalette()) style.fg = paletteToInk(cell.getFgColor());
		else if (cell.isFgRGB()) style.fg = rgbToInk(cell.getFgColor());
		if (cell.isBgPalette()) style.bg = paletteToInk(cell.getBgColor());
		else if (cell.isBgRGB()) style.bg = rgbToInk(cell.getBgColor());
		if (flags & BOLD) style.bold = true;
		if (flags & DIM) style.dim = true;
		if (flags & ITALIC) style.italic = true;
		if (flags & UNDERLINE) style.underline = true;
		if (flags & INVERSE) style.inverse = true;
		if (flags & STRIKE) style.strikethrough = true;
		return style;
	}
}

// Different raw attributes can give the same Ink style (SGR 31 and 38;5;1 are
// both 'red'; invisible only changes the text): one segment per visible style.
function mergeEqualStyles(segments: StyledSegment[]): StyledSegment[] {
	return segments.length < 2 ? segments : appendSegments([], segments);
}

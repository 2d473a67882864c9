// Human formatting shared by the commands: times, durations, the status cell
// and a small table renderer. Plain strings in, plain strings out (colour only
// through a Styler), so every command prints the same way and tests can run
// without a terminal.
import type {Task} from '../protocol/model.js';
import type {Group} from '../protocol/model.js';
import {type StyleName, type Styler, styler, colorEnabled, visibleLength} from './style.js';

const pad2 = (value: number) => String(value).padStart(2, '0');

/**
 * The one way spool writes a moment for people: `YYYY-MM-DD HH:MM`, local
 * time, 24 h, seconds dropped (never rounded up). Sentences (`enqueued at
 * 2026-12-03 09:00`) and error messages use it as is; table columns use
 * formatTime.
 */
export function formatDate(ms: number): string {
	const date = new Date(ms);
	return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/**
 * For table columns (status, workers, the UI's task table): formatDate, but a
 * moment of today is its clock with seconds, `HH:MM:SS` — shorter, and the
 * seconds tell apart tasks that just ran.
 */
export function formatTime(ms: number, now = Date.now()): string {
	const date = new Date(ms);
	if (date.toDateString() !== new Date(now).toDateString()) return formatDate(ms);
	return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/**
 * `0.4s`, `12.3s`, `3m04s`, `2h05m`, `3d04h`: the two leading units, always
 * truncated (never rounded up), so a duration never shows more than has passed.
 */
export function formatDuration(ms: number): string {
	const total = Math.max(0, ms);
	if (total < 60_000) return `${(Math.floor(total / 100) / 10).toFixed(1)}s`;
	const seconds = Math.floor(total / 1000);
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m${pad2(seconds % 60)}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}h${pad2(minutes % 60)}m`;
	const hours = Math.floor(minutes / 60);
	return `${Math.floor(hours / 24)}d${pad2(hours % 24)}h`;
}

/** `512 bytes`, `1.5 KiB`, `20.0 MiB`: a size for people, in powers of 1024, truncated to one decimal. */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
	const units = ['KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return `${(Math.floor(value * 10) / 10).toFixed(1)} ${units[unit]}`;
}

type StatusLook = {
	symbol: string;
	text: string;
	style: StyleName;
	/**
	 * Shorter words for the same state, longest first, for a cell too narrow
	 * for `text` (the UI's task table): a status is shortened, never cut.
	 */
	shorter?: readonly string[];
};

/**
 * One scheme for every state, like pueue's: waiting states are yellow/gray,
 * running cyan, success green; failures of the command itself are red, and
 * endings spool or the outside world caused (kill, daemon crash, lost worker)
 * are magenta, so "my build broke" and "something stopped my build" differ
 * at a glance. The symbol keeps the meaning without colour (NO_COLOR).
 */
export function statusLook(task: Pick<Task, 'status' | 'result' | 'exitCode' | 'signal'>): StatusLook {
	switch (task.status) {
		case 'Queued': {
			return {symbol: '◦', text: 'Queued', style: 'yellow'};
		}

		case 'Stashed': {
			return {symbol: '◌', text: 'Stashed', style: 'gray'};
		}

		case 'Locked': {
			// Being edited (spool edit): waiting, like Queued, but held.
			return {symbol: '✎', text: 'Locked', style: 'blue'};
		}

		case 'Running': {
			return {symbol: '▶', text: 'Running', style: 'cyan'};
		}

		case 'Paused': {
			return {symbol: '‖', text: 'Paused', style: 'yellow'};
		}

		case 'Done': {
			break;
		}
	}

	switch (task.result) {
		case 'Success': {
			return {symbol: '✔', text: 'Success', style: 'green'};
		}

		case 'Failed': {
			const why = task.exitCode === null ? task.signal : String(task.exitCode);
			// Killed by a signal: its name alone still says "failed" beside the red ✘.
			const shorter = task.exitCode === null && task.signal ? [task.signal, 'Failed'] : ['Failed'];
			return {symbol: '✘', text: why ? `Failed (${why})` : 'Failed', style: 'red', shorter};
		}

		case 'FailedToSpawn': {
			return {symbol: '✘', text: 'Failed to spawn', style: 'red', shorter: ['Spawn failed']};
		}

		case 'DependencyFailed': {
			return {symbol: '✘', text: 'Dependency failed', style: 'red', shorter: ['Dep failed']};
		}

		case 'Killed': {
			return {symbol: '✘', text: 'Killed', style: 'magenta'};
		}

		case 'Interrupted': {
			return {symbol: '✘', text: 'Interrupted', style: 'magenta'};
		}

		case 'WorkerLost': {
			return {symbol: '✘', text: 'Worker lost', style: 'magenta'};
		}

		case null: {
			return {symbol: '✘', text: 'Done', style: 'gray'};
		}
	}
}

/** The status cell: symbol and word, coloured. */
export function formatStatus(task: Pick<Task, 'status' | 'result' | 'exitCode' | 'signal'>, style: Styler): string {
	const look = statusLook(task);
	return style(look.style, `${look.symbol} ${look.text}`);
}

/** `Group "default" (2 parallel): running`, the line above each group's table. */
export function formatGroupHeader(group: Group, style: Styler): string {
	const parallel = group.parallel === 0 ? 'unlimited parallel' : `${group.parallel} parallel`;
	const status = group.status === 'Paused' ? style('yellow', 'paused') : style('green', 'running');
	return `${style('bold', `Group "${group.name}"`)} (${parallel}): ${status}`;
}

/** The cwd as a user types it: $HOME as `~`. */
export function shortenPath(cwd: string, home = process.env.HOME): string {
	if (!home || home === '/') return cwd;
	if (cwd === home) return '~';
	return cwd.startsWith(`${home}/`) ? `~${cwd.slice(home.length)}` : cwd;
}

/** The path as typed ($HOME as `~`), losing its left end when too long: the last directories say the most. */
export function fitPath(cwd: string, width: number, home = process.env.HOME): string {
	const path = shortenPath(cwd, home);
	const chars = [...path];
	if (chars.length <= width) return path;
	if (width <= 1) return width === 1 ? '…' : '';
	// The longest tail that starts at a slash and fits beside the `…`.
	const tail = chars.slice(chars.length - (width - 1)).join('');
	const slash = tail.indexOf('/');
	return slash === -1 ? `…${tail}` : `…${tail.slice(slash)}`;
}

/** Cuts plain text to `width` visible characters, ending with `…` when cut. */
export function truncate(text: string, width: number): string {
	const chars = [...text];
	if (chars.length <= width) return text;
	if (width <= 0) return '';
	return `${chars.slice(0, width - 1).join('')}…`;
}

export type Column = {
	header: string;
	align?: 'left' | 'right';
	/** May be cut to fit the terminal (long commands and paths). Its cells must be plain text. */
	shrink?: boolean;
	/** A shrinking column keeps at least this many characters (default 12, or the header). */
	minWidth?: number;
};

export type TableOptions = {
	/** Fit into this many columns; undefined = never cut (output is not a terminal). */
	width?: number | undefined;
	style: Styler;
};

const gap = '  ';

/** The width to fit tables into: the terminal's, or none when stdout is a pipe or file. */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
	return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/** Column widths, cutting the shrinkable columns (widest first) until the row fits `width`. */
function fitWidths(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, width: number | undefined): number[] {
	const widths = columns.map((column, index) => Math.max(visibleLength(column.header), ...rows.map((row) => visibleLength(row[index] ?? ''))));
	if (width === undefined) return widths;
	let excess = widths.reduce((sum, value) => sum + value, 0) + gap.length * (columns.length - 1) - width;
	const floor = columns.map((column) => Math.max(column.minWidth ?? 12, visibleLength(column.header)));
	while (excess > 0) {
		let widest = -1;
		for (const [index, column] of columns.entries()) {
			if (column.shrink && widths[index]! > floor[index]! && (widest === -1 || widths[index]! > widths[widest]!)) widest = index;
		}

		if (widest === -1) break; // Nothing left to cut: let the terminal wrap.
		const cut = Math.min(excess, widths[widest]! - floor[widest]!, Math.max(1, widths[widest]! - secondWidest(widths, columns, widest)));
		widths[widest]! -= cut;
		excess -= cut;
	}

	return widths;
}

/** Width of the next-widest shrinkable column, so cuts are shared out evenly. */
function secondWidest(widths: readonly number[], columns: readonly Column[], except: number): number {
	let best = 0;
	for (const [index, column] of columns.entries()) if (index !== except && column.shrink) best = Math.max(best, widths[index]!);
	return best;
}

/** Renders a header row and rows, columns separated by two spaces, no trailing blanks. */
export function renderTable(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, options: TableOptions): string {
	const widths = fitWidths(columns, rows, options.width);
	const line = (cells: readonly string[], isHeader: boolean) => {
		const parts = columns.map((column, index) => {
			let cell = cells[index] ?? '';
			if (column.shrink && visibleLength(cell) > widths[index]!) cell = truncate(cell, widths[index]!);
			if (isHeader) cell = options.style('bold', cell);
			const fill = ' '.repeat(Math.max(0, widths[index]! - visibleLength(cell)));
			return column.align === 'right' ? fill + cell : cell + fill;
		});
		return parts.join(gap).trimEnd();
	};

	return `${[
		line(
			columns.map((column) => column.header),
			true,
		),
		...rows.map((row) => line(row, false)),
	].join('\n')}\n`;
}

/** The styler a command prints with: --color, else the config's client.color, else auto. */
export function commandStyler(parsed: {flags: {color?: unknown}; config: {client: {color: string}}}): Styler {
	const flag = typeof parsed.flags.color === 'string' ? parsed.flags.color : 'auto';
	return styler(colorEnabled(flag === 'auto' ? parsed.config.client.color : flag));
}

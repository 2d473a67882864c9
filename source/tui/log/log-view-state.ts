// The view state of one task's log: where it is scrolled to, follow mode, wrap,
// horizontal offset and search. Plain immutable values and pure functions (no
// React, no I/O) so key handling is testable without rendering; they read the
// log through the small LogSource interface (TerminalBuffer implements it).
//
// Positions are stored as absolute line numbers (source.firstLine + line): when
// the scrollback is full the oldest lines are dropped and every line index
// shifts, but a paused view keeps showing the same text.
//
// Display rows: with wrap on, each buffer line is shown as the pty drew it (the
// program's long lines are already wrapped at the pty width); when the pane is
// narrower than the pty, a line takes several display rows (`sub` picks one).
// With wrap off, a logical line (a line and its wrapped continuations) is one
// display row, cut to the pane width at the horizontal offset `left`.
//
// It stays one file: scrolling and search move the same position through the
// same helpers (LogNavigator, resolveTop, pauseAt), which a split would turn
// into exports used only by the other half.
import type {SearchMatch} from './terminal-buffer.js';

export interface LogSource {
	readonly cols: number;
	readonly lineCount: number;
	/** Absolute number of line 0 (lines dropped from the scrollback so far). */
	readonly firstLine: number;
	isWrapped(line: number): boolean;
	lineWidth(line: number): number;
}

export interface SearchableLogSource extends LogSource {
	search(query: string): SearchMatch[];
	/** Changes whenever the content may have changed; without it a search is always re-run. */
	readonly generation?: number;
}

/** The rows available for log lines (the pane's header excluded). */
export type Viewport = {width: number; height: number};

/** A display row: `line` is a buffer line (the start of a logical line with wrap off), `sub` a row inside it. */
export type LogPosition = {line: number; sub: number};

export type LogSearch = {
	query: string;
	/** Absolute line numbers, in order. */
	matches: readonly SearchMatch[];
	/** Current match, -1 when there is none. */
	index: number;
	generation: number | undefined;
};

export type LogViewState = {
	readonly follow: boolean;
	/** First display row (absolute line) while paused; ignored while following. */
	readonly top: LogPosition;
	/** Total lines (firstLine + lineCount) when follow was paused, to count the new ones. */
	readonly pausedAt: number;
	readonly wrap: boolean;
	/** Horizontal offset in columns, used with wrap off. */
	readonly left: number;
	readonly search: LogSearch | undefined;
};

/** Rows the pane spends on its header line. */
export const LOG_PANE_HEADER_ROWS = 1;

/** The viewport of a LogPane of this outer size: what the key handler passes to the moves. */
export function logViewport(width: number, height: number): Viewport {
	return {width: Math.max(1, width), height: Math.max(0, height - LOG_PANE_HEADER_ROWS)};
}

export function createLogViewState(options: {wrap?: boolean} = {}): LogViewState {
	return {follow: true, top: {line: 0, sub: 0}, pausedAt: 0, wrap: options.wrap ?? true, left: 0, search: undefined};
}

function total(source: LogSource): number {
	return source.firstLine + source.lineCount;
}

/** Lines that arrived since follow was paused ("N new lines"); 0 while following. */
export function newLineCount(state: LogViewState, source: LogSource): number {
	return state.follow ? 0 : Math.max(0, total(source) - state.pausedAt);
}

function compare(a: LogPosition, b: LogPosition): number {
	return a.line === b.line ? a.sub - b.sub : a.line - b.line;
}

/** Walks display rows over a source for one width and wrap mode. Positions here are relative lines. */
export class LogNavigator {
	readonly count: number;
	/** Wrap on and the pane narrower than the pty: lines take several display rows. */
	readonly chunked: boolean;
	readonly width: number;

	constructor(
		readonly source: LogSource,
		width: number,
		readonly wrap: boolean,
	) {
		this.count = source.lineCount;
		this.width = Math.max(1, width);
		this.chunked = wrap && this.width < source.cols;
	}

	/** The unit (logical line with wrap off, buffer line with wrap on) containing `line`. */
	unitStart(line: number): number {
		if (this.wrap) return line;
		while (line > 0 && this.source.isWrapped(line)) line--;
		return line;
	}

	/** First line after the unit starting at `line`. */
	unitEnd(line: number): number {
		if (this.wrap) return line + 1;
		let end = line + 1;
		while (end < this.count && this.source.isWrapped(end)) end++;
		return end;
	}

	/** Display rows of the unit starting at `line`. */
	unitRows(line: number): number {
		if (!this.chunked) return 1;
		return Math.max(1, Math.ceil(this.source.lineWidth(line) / this.width));
	}

	normalize(position: LogPosition): LogPosition {
		if (this.count === 0) return {line: 0, sub: 0};
		const line = this.unitStart(Math.min(Math.max(0, position.line), this.count - 1));
		const sub = this.chunked ? Math.min(Math.max(0, position.sub), this.unitRows(line) - 1) : 0;
		return {line, sub};
	}

	down(position: LogPosition): LogPosition | undefined {
		if (this.chunked && position.sub + 1 < this.unitRows(position.line)) {
			return {line: position.line, sub: position.sub + 1};
		}

		const next = this.unitEnd(position.line);
		return next < this.count ? {line: next, sub: 0} : undefined;
	}

	up(position: LogPosition): LogPosition | undefined {
		if (position.sub > 0) return {line: position.line, sub: position.sub - 1};
		if (position.line <= 0) return undefined;
		const line = this.unitStart(position.line - 1);
		return {line, sub: this.unitRows(line) - 1};
	}

	/** Moves by `rows` display rows (negative: up), stopping at either end. */
	move(position: LogPosition, rows: number): LogPosition {
		if (!this.chunked && this.wrap) {
			// One display row per line: plain arithmetic, however far.
			return {line: Math.min(Math.max(0, position.line + rows), Math.max(0, this.count - 1)), sub: 0};
		}

		let current = position;
		for (let i = 0; i < Math.abs(rows); i++) {
			const next = rows > 0 ? this.down(current) : this.up(current);
			if (!next) break;
			current = next;
		}

		return current;
	}

	/** The top row that puts the last display row at the bottom of `height` rows (follow mode). */
	bottomTop(height: number): LogPosition {
		if (this.count === 0) return {line: 0, sub: 0};
		const last = this.unitStart(this.count - 1);
		return this.move({line: last, sub: this.unitRows(last) - 1}, -(Math.max(1, height) - 1));
	}

	/** Display-row distance from `from` to `to` if `to` is within `limit` rows below, else undefined. */
	rowsBetween(from: LogPosition, to: LogPosition, limit: number): number | undefined {
		let current: LogPosition | undefined = from;
		for (let i = 0; i < limit && current; i++) {
			if (compare(current, to) === 0) return i;
			if (compare(current, to) > 0) return undefined;
			current = this.down(current);
		}

		return undefined;
	}
}

function navigatorFor(state: LogViewState, source: LogSource, viewport: Viewport): LogNavigator {
	return new LogNavigator(source, viewport.width, state.wrap);
}

function relative(position: LogPosition, source: LogSource): LogPosition {
	return {line: position.line - source.firstLine, sub: position.sub};
}

function absolute(position: LogPosition, source: LogSource): LogPosition {
	return {line: position.line + source.firstLine, sub: position.sub};
}

/** The first display row to render (relative line), follow mode resolved. */
export function resolveTop(state: LogViewState, source: LogSource, viewport: Viewport): LogPosition {
	const navigator = navigatorFor(state, source, viewport);
	const bottom = navigator.bottomTop(viewport.height);
	if (state.follow) return bottom;
	const top = navigator.normalize(relative(state.top, source));
	// Content can shrink (screen cleared, terminal resized): never show empty rows below the end.
	return compare(top, bottom) > 0 ? bottom : top;
}

function pauseAt(state: LogViewState, source: LogSource, top: LogPosition): LogViewState {
	return {
		...state,
		follow: false,
		top: absolute(top, source),
		pausedAt: state.follow ? total(source) : state.pausedAt,
	};
}

function followState(state: LogViewState): LogViewState {
	return state.follow ? state : {...state, follow: true};
}

/** Scrolls by display rows (j/k, arrows). Up pauses follow; moving down onto the last row resumes it. */
export function scrollLines(state: LogViewState, source: LogSource, viewport: Viewport, rows: number): LogViewState {
	if (rows === 0) return state;
	const navigator = navigatorFor(state, source, viewport);
	const bottom = navigator.bottomTop(viewport.height);
	const from = resolveTop(state, source, viewport);
	const to = navigator.move(from, rows);
	if (compare(to, bottom) >= 0) return followState(state);
	if (state.follow && compare(to, from) === 0) return state;
	return pauseAt(state, source, to);
}

/** Scrolls by pages, keeping one row of the previous page for context. */
export function scrollPages(state: LogViewState, source: LogSource, viewport: Viewport, pages: number): LogViewState {
	return scrollLines(state, source, viewport, pages * Math.max(1, viewport.height - 1));
}

/** Home / g. */
export function scrollToTop(state: LogViewState, source: LogSource, viewport: Viewport): LogViewState {
	const navigator = navigatorFor(state, source, viewport);
	const top = {line: 0, sub: 0};
	if (compare(top, navigator.bottomTop(viewport.height)) >= 0) return followState(state);
	return pauseAt(state, source, top);
}

/** End / F / G: back to the bottom, following. */
export function scrollToBottom(state: LogViewState): LogViewState {
	return followState(state);
}

/** w: toggles wrapping; a paused view stays on the same line. */
export function toggleWrap(state: LogViewState): LogViewState {
	return {...state, wrap: !state.wrap, left: 0, top: {line: state.top.line, sub: 0}};
}

/** Horizontal scrolling (wrap off only). */
export function scrollColumns(state: LogViewState, columns: number): LogViewState {
	if (state.wrap) return state;
	const left = Math.max(0, state.left + columns);
	return left === state.left ? state : {...state, left};
}

export function currentMatch(state: LogViewState): SearchMatch | undefined {
	const search = state.search;
	return search && search.index >= 0 ? search.matches[search.index] : undefined;
}

function runSearch(source: SearchableLogSource, query: string): SearchMatch[] {
	return source.search(query).map((match) => ({line: match.line + source.firstLine, column: match.column}));
}

function compareMatches(a: SearchMatch, b: SearchMatch): number {
	return a.line === b.line ? a.column - b.column : a.line - b.line;
}

/**
 * Makes a match visible: pauses follow (the match must not scroll away while
 * the user looks at it) and scrolls only when the match is off screen, putting
 * it a third of the way down.
 */
function reveal(state: LogViewState, source: LogSource, viewport: Viewport, match: SearchMatch): LogViewState {
	const navigator = navigatorFor(state, source, viewport);
	const line = match.line - source.firstLine;
	if (line < 0 || line >= navigator.count) return state;
	let {left} = state;
	let target: LogPosition;
	if (state.wrap) {
		target = {line, sub: navigator.chunked ? Math.floor(match.column / navigator.width) : 0};
	} else {
		const start = navigator.unitStart(line);
		target = {line: start, sub: 0};
		const column = (line - start) * source.cols + match.column;
		if (column < left || column >= left + viewport.width) left = Math.max(0, column - Math.floor(viewport.width / 3));
	}

	const bottom = navigator.bottomTop(viewport.height);
	let top = resolveTop(state, source, viewport);
	if (navigator.rowsBetween(top, target, Math.max(1, viewport.height)) === undefined) {
		top = navigator.move(target, -Math.floor(viewport.height / 3));
		if (compare(top, bottom) > 0) top = bottom;
	}

	return {...pauseAt(state, source, top), left};
}

/** `/` query entered: finds the matches and shows the nearest (the latest while following). */
export function setSearchQuery(state: LogViewState, source: SearchableLogSource, viewport: Viewport, query: string): LogViewState {
	if (query === '') return clearSearch(state);
	const matches = runSearch(source, query);
	let index = -1;
	if (matches.length > 0) {
		if (state.follow) {
			index = matches.length - 1;
		} else {
			const top = absolute(resolveTop(state, source, viewport), source);
			index = matches.findIndex((match) => match.line >= top.line);
			if (index < 0) index = 0;
		}
	}

	const next: LogViewState = {...state, search: {query, matches, index, generation: source.generation}};
	const match = matches[index];
	return match ? reveal(next, source, viewport, match) : next;
}

function stepMatch(state: LogViewState, source: SearchableLogSource, viewport: Viewport, direction: 1 | -1): LogViewState {
	const search = state.search;
	if (!search) return state;
	const current = currentMatch(state);
	// New output may have added matches (or dropped old ones): search again, and
	// step relative to where the current match is, not to its old index.
	const stale = search.generation === undefined || search.generation !== source.generation;
	const matches = stale ? runSearch(source, search.query) : search.matches;
	if (matches.length === 0) return {...state, search: {...search, matches, index: -1, generation: source.generation}};
	let index: number;
	if (current) {
		if (direction > 0) {
			index = matches.findIndex((match) => compareMatches(match, current) > 0);
			if (index < 0) index = 0;
		} else {
			index = matches.findLastIndex((match) => compareMatches(match, current) < 0);
			if (index < 0) index = matches.length - 1;
		}
	} else {
		index = direction > 0 ? 0 : matches.length - 1;
	}

	const next: LogViewState = {...state, search: {...search, matches, index, generation: source.generation}};
	const match = matches[index];
	return match ? reveal(next, source, viewport, match) : next;
}

/** n */
export function nextMatch(state: LogViewState, source: SearchableLogSource, viewport: Viewport): LogViewState {
	return stepMatch(state, source, viewport, 1);
}

/** N */
export function previousMatch(state: LogViewState, source: SearchableLogSource, viewport: Viewport): LogViewState {
	return stepMatch(state, source, viewport, -1);
}

export function clearSearch(state: LogViewState): LogViewState {
	return state.search ? {...state, search: undefined} : state;
}

/**
 * View states by task id, so switching tasks keeps each one's scroll position.
 * Least recently used entries go beyond `limit`; a forgotten task starts again
 * following, which is the default anyway.
 */
export class LogViewStates<Id = number> {
	private readonly states = new Map<Id, LogViewState>();

	constructor(
		readonly limit = 200,
		private readonly initial: () => LogViewState = createLogViewState,
	) {}

	get size(): number {
		return this.states.size;
	}

	has(id: Id): boolean {
		return this.states.has(id);
	}

	/** The task's state (a fresh one if unknown); marks it recently used. */
	get(id: Id): LogViewState {
		const state = this.states.get(id);
		if (!state) return this.initial();
		this.states.delete(id);
		this.states.set(id, state);
		return state;
	}

	set(id: Id, state: LogViewState): void {
		this.states.delete(id);
		this.states.set(id, state);
		while (this.states.size > this.limit) {
			const oldest = this.states.keys().next();
			if (oldest.done) break;
			this.states.delete(oldest.value);
		}
	}

	/** Applies `change` to the task's state and stores the result. */
	update(id: Id, change: (state: LogViewState) => LogViewState): LogViewState {
		const next = change(this.get(id));
		this.set(id, next);
		return next;
	}

	delete(id: Id): boolean {
		return this.states.delete(id);
	}

	clear(): void {
		this.states.clear();
	}
}

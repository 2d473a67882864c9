import {describe, expect, it} from 'vitest';
import {layoutLogRows} from '../../../source/tui/log/log-layout.js';
import {
	LogViewStates,
	createLogViewState,
	currentMatch,
	logViewport,
	newLineCount,
	nextMatch,
	previousMatch,
	resolveTop,
	scrollColumns,
	scrollLines,
	scrollPages,
	scrollToBottom,
	scrollToTop,
	setSearchQuery,
	toggleWrap,
	type LogViewState,
	type Viewport,
} from '../../../source/tui/log/log-view-state.js';
import type {TerminalBuffer} from '../../../source/tui/log/terminal-buffer.js';
import {buffersPerTest, numberedLines, text, writeAll} from './helpers.js';

const make = buffersPerTest();

function visible(buffer: TerminalBuffer, state: LogViewState, viewport: Viewport): string[] {
	return layoutLogRows(buffer, state, viewport).map((row) => text(row.segments));
}

const viewport: Viewport = {width: 40, height: 5};

describe('follow mode', () => {
	it('sticks to the bottom while following', async () => {
		const buffer = await make(numberedLines(0, 20));
		const state = createLogViewState();
		expect(state.follow).toBe(true);
		expect(visible(buffer, state, viewport)).toEqual(['line 15', 'line 16', 'line 17', 'line 18', 'line 19']);
		await writeAll(buffer, numberedLines(20, 22));
		expect(visible(buffer, state, viewport).at(-1)).toBe('line 21');
	});

	it('pauses when scrolled up, stays on the same text and counts the new lines', async () => {
		const buffer = await make(numberedLines(0, 20));
		let state = scrollLines(createLogViewState(), buffer, viewport, -3);
		expect(state.follow).toBe(false);
		expect(visible(buffer, state, viewport)).toEqual(['line 12', 'line 13', 'line 14', 'line 15', 'line 16']);
		expect(newLineCount(state, buffer)).toBe(0);

		await writeAll(buffer, numberedLines(20, 27));
		expect(visible(buffer, state, viewport)[0]).toBe('line 12');
		expect(newLineCount(state, buffer)).toBe(7);

		// A progress bar redrawn with \r adds no line.
		await writeAll(buffer, '10%\r50%\r100%');
		expect(newLineCount(state, buffer)).toBe(8);
		await writeAll(buffer, '\rdone\n');
		expect(newLineCount(state, buffer)).toBe(8);

		// Scrolling further keeps counting from the moment follow was paused.
		state = scrollLines(state, buffer, viewport, -1);
		expect(newLineCount(state, buffer)).toBe(8);

		state = scrollToBottom(state);
		expect(state.follow).toBe(true);
		expect(newLineCount(state, buffer)).toBe(0);
		expect(visible(buffer, state, viewport).at(-1)).toBe('done');
	});

	it('resumes following when scrolled back down to the last line', async () => {
		const buffer = await make(numberedLines(0, 20));
		let state = scrollLines(createLogViewState(), buffer, viewport, -2);
		state = scrollLines(state, buffer, viewport, 1);
		expect(state.follow).toBe(false);
		state = scrollLines(state, buffer, viewport, 1);
		expect(state.follow).toBe(true);
	});

	it('does not pause when everything fits', async () => {
		const buffer = await make(numberedLines(0, 3));
		expect(scrollLines(createLogViewState(), buffer, viewport, -1).follow).toBe(true);
		expect(scrollToTop(createLogViewState(), buffer, viewport).follow).toBe(true);
	});

	it('keeps a paused view on its text when old lines are dropped from the scrollback', async () => {
		const buffer = await make(numberedLines(0, 30), {rows: 5, scrollback: 20});
		let state = scrollLines(createLogViewState(), buffer, viewport, -6);
		expect(visible(buffer, state, viewport)[0]).toBe('line 19');
		await writeAll(buffer, numberedLines(30, 40));
		expect(buffer.firstLine).toBeGreaterThan(0);
		expect(visible(buffer, state, viewport)[0]).toBe('line 19');
		expect(newLineCount(state, buffer)).toBe(10);
		// Once its lines are gone, the view stays at the oldest line left.
		await writeAll(buffer, numberedLines(40, 60));
		expect(visible(buffer, state, viewport)[0]).toBe(`line ${buffer.firstLine}`);
		state = scrollToBottom(state);
		expect(visible(buffer, state, viewport).at(-1)).toBe('line 59');
	});
});

describe('moves', () => {
	it('moves by pages (keeping one row) and to the top and bottom', async () => {
		const buffer = await make(numberedLines(0, 50));
		let state = scrollToTop(createLogViewState(), buffer, viewport);
		expect(state.follow).toBe(false);
		expect(visible(buffer, state, viewport)[0]).toBe('line 0');
		state = scrollPages(state, buffer, viewport, 1);
		expect(visible(buffer, state, viewport)[0]).toBe('line 4');
		state = scrollPages(state, buffer, viewport, -3);
		expect(visible(buffer, state, viewport)[0]).toBe('line 0');
		state = scrollPages(state, buffer, viewport, 100);
		expect(state.follow).toBe(true);
		expect(visible(buffer, state, viewport).at(-1)).toBe('line 49');
	});

	it('logViewport leaves the header row out', () => {
		expect(logViewport(80, 24)).toEqual({width: 80, height: 23});
		expect(logViewport(0, 0)).toEqual({width: 1, height: 0});
	});
});

describe('wrap', () => {
	const long = `${'a'.repeat(20)}${'b'.repeat(20)}${'c'.repeat(5)}\n`;

	it('shows lines as the pty wrapped them with wrap on', async () => {
		const buffer = await make(`first\n${long}last\n`, {cols: 20});
		expect(visible(buffer, createLogViewState(), {width: 40, height: 10})).toEqual(['first', 'a'.repeat(20), 'b'.repeat(20), 'c'.repeat(5), 'last']);
	});

	it('splits lines into pane-wide rows when the pane is narrower than the pty', async () => {
		const buffer = await make(`${'x'.repeat(25)}\nshort\n`, {cols: 40});
		const narrow: Viewport = {width: 10, height: 2};
		let state = createLogViewState();
		const tall: Viewport = {width: 10, height: 10};
		expect(visible(buffer, state, tall)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5), 'short']);
		expect(visible(buffer, state, narrow)).toEqual(['x'.repeat(5), 'short']);
		state = scrollLines(state, buffer, narrow, -2);
		expect(visible(buffer, state, narrow)).toEqual(['x'.repeat(10), 'x'.repeat(10)]);
		expect(resolveTop(state, buffer, narrow)).toEqual({line: 0, sub: 0});
	});

	it('shows a logical line as one row with wrap off, cut at the horizontal offset', async () => {
		const buffer = await make(`first\n${long}last\n`, {cols: 20});
		let state = toggleWrap(createLogViewState());
		expect(state.wrap).toBe(false);
		const pane: Viewport = {width: 30, height: 10};
		expect(visible(buffer, state, pane)).toEqual(['first', `${'a'.repeat(20)}${'b'.repeat(10)}`, 'last']);
		state = scrollColumns(state, 15);
		expect(visible(buffer, state, pane)).toEqual(['', `${'a'.repeat(5)}${'b'.repeat(20)}${'c'.repeat(5)}`, '']);
		state = scrollColumns(state, -100);
		expect(state.left).toBe(0);
	});

	it('moves by logical lines with wrap off and keeps the line when wrap is toggled', async () => {
		const buffer = await make(`first\n${long}${numberedLines(0, 10)}`, {cols: 20});
		const pane: Viewport = {width: 30, height: 2};
		let state = scrollToTop(toggleWrap(createLogViewState()), buffer, pane);
		// One row down skips the continuation lines.
		state = scrollLines(state, buffer, pane, 1);
		expect(visible(buffer, state, pane)).toEqual([`${'a'.repeat(20)}${'b'.repeat(10)}`, 'line 0']);
		state = scrollLines(state, buffer, pane, 1);
		expect(visible(buffer, state, pane)).toEqual(['line 0', 'line 1']);
		state = scrollLines(state, buffer, pane, -1);
		// Back to wrap on: same line at the top, horizontal offset reset.
		state = toggleWrap(scrollColumns(state, 5));
		expect(state.left).toBe(0);
		expect(visible(buffer, state, pane)).toEqual(['a'.repeat(20), 'b'.repeat(20)]);
	});
});

describe('search', () => {
	const log = `${numberedLines(0, 10)}an ERROR here\n${numberedLines(10, 30)}second error\n${numberedLines(30, 40)}`;

	it('jumps to the latest match while following, pauses, and steps with n / N', async () => {
		const buffer = await make(log);
		let state = setSearchQuery(createLogViewState(), buffer, viewport, 'error');
		expect(state.follow).toBe(false);
		expect(state.search?.matches).toHaveLength(2);
		expect(currentMatch(state)).toEqual({line: 31, column: 7});
		expect(visible(buffer, state, viewport)).toContain('second error');

		state = nextMatch(state, buffer, viewport);
		expect(currentMatch(state)).toEqual({line: 10, column: 3});
		expect(visible(buffer, state, viewport)).toContain('an ERROR here');
		state = previousMatch(state, buffer, viewport);
		expect(currentMatch(state)?.line).toBe(31);
		state = previousMatch(state, buffer, viewport);
		expect(currentMatch(state)?.line).toBe(10);
	});

	it('starts from the top of a paused view and finds matches in new output', async () => {
		const buffer = await make(log);
		let state = scrollToTop(createLogViewState(), buffer, viewport);
		state = setSearchQuery(state, buffer, viewport, 'error');
		expect(currentMatch(state)?.line).toBe(10);
		await writeAll(buffer, 'third error\n');
		state = nextMatch(nextMatch(state, buffer, viewport), buffer, viewport);
		expect(state.search?.matches).toHaveLength(3);
		expect(currentMatch(state)?.line).toBe(buffer.lineCount - 1);
		expect(visible(buffer, state, viewport)).toContain('third error');
	});

	it('scrolls horizontally to a match with wrap off', async () => {
		const buffer = await make(`${'.'.repeat(70)}needle\n`, {cols: 100});
		const state = setSearchQuery(toggleWrap(createLogViewState()), buffer, {width: 30, height: 3}, 'needle');
		expect(state.left).toBeGreaterThan(46);
		expect(visible(buffer, state, {width: 30, height: 3})[0]).toContain('needle');
	});

	it('reports no match without moving', async () => {
		const buffer = await make(log);
		const state = setSearchQuery(createLogViewState(), buffer, viewport, 'absent');
		expect(state.follow).toBe(true);
		expect(state.search).toMatchObject({query: 'absent', index: -1});
		expect(nextMatch(state, buffer, viewport).follow).toBe(true);
	});
});

describe('LogViewStates', () => {
	it('keeps each task position when switching tasks', async () => {
		const one = await make(numberedLines(0, 50));
		const two = await make(numberedLines(100, 150));
		const states = new LogViewStates<number>();
		states.update(1, (state) => scrollLines(state, one, viewport, -10));
		states.update(2, (state) => scrollToTop(state, two, viewport));
		expect(visible(one, states.get(1), viewport)[0]).toBe('line 35');
		expect(visible(two, states.get(2), viewport)[0]).toBe('line 100');
		// A task never seen follows.
		expect(states.get(3).follow).toBe(true);
		expect(states.has(3)).toBe(false);
	});

	it('forgets the least recently used tasks beyond its limit', () => {
		const states = new LogViewStates<number>(2);
		const paused = {...createLogViewState(), follow: false};
		states.set(1, paused);
		states.set(2, paused);
		states.get(1);
		states.set(3, paused);
		expect(states.size).toBe(2);
		expect(states.has(1)).toBe(true);
		expect(states.has(2)).toBe(false);
		expect(states.has(3)).toBe(true);
	});
});

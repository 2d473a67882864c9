// The UI's own state: cursor, marks, filter, focus, zoom, dialogs, as one pure reducer.
import {describe, expect, it} from 'vitest';
import {initialViewState, reduceView, type ViewEvent, type ViewState} from '../../source/tui/view-state.js';

const run = (events: ViewEvent[], from: ViewState = initialViewState) => events.reduce(reduceView, from);
const ids = [2, 5, 9, 12];

describe('the cursor', () => {
	it('moves by rows and stops at either end', () => {
		expect(run([{type: 'moveBy', delta: 1, ids}])).toMatchObject({cursorId: 5, fallbackIndex: 1});
		expect(run([{type: 'moveBy', delta: 10, ids}])).toMatchObject({cursorId: 12, fallbackIndex: 3});
		expect(
			run([
				{type: 'moveBy', delta: 2, ids},
				{type: 'moveBy', delta: -5, ids},
			]),
		).toMatchObject({cursorId: 2, fallbackIndex: 0});
		expect(
			run([
				{type: 'moveTo', index: 3, ids},
				{type: 'moveTo', index: 0, ids},
			]),
		).toMatchObject({cursorId: 2, fallbackIndex: 0});
	});

	it('moves from where its task is now, not from the row it was on', () => {
		const onNine = run([{type: 'moveTo', index: 2, ids}]);
		// Rows above it went away: task 9 is the first row; one down is 12.
		expect(reduceView(onNine, {type: 'moveBy', delta: 1, ids: [9, 12]})).toMatchObject({cursorId: 12, fallbackIndex: 1});
		// Its task went away: it moves from the row it was on.
		expect(reduceView(onNine, {type: 'moveBy', delta: 0, ids: [2, 5, 12]})).toMatchObject({cursorId: 12, fallbackIndex: 2});
	});

	it('has no task in an empty list, and selects a task by id', () => {
		expect(run([{type: 'moveTo', index: -1, ids: []}])).toMatchObject({cursorId: undefined, fallbackIndex: 0});
		expect(run([{type: 'select', id: 42}])).toMatchObject({cursorId: 42, fallbackIndex: 0});
	});
});

describe('marks', () => {
	it('toggle per task and clear together', () => {
		const two = run([
			{type: 'toggleMark', id: 2},
			{type: 'toggleMark', id: 5},
		]);
		expect([...two.marked]).toEqual([2, 5]);
		expect([...reduceView(two, {type: 'toggleMark', id: 2}).marked]).toEqual([5]);
		expect(reduceView(two, {type: 'clearMarks'}).marked.size).toBe(0);
		// The state before is left as it was.
		expect([...two.marked]).toEqual([2, 5]);
	});
});

describe('focus and zoom', () => {
	it('switches panes, zooms the log and comes back to the table', () => {
		expect(run([{type: 'switchPane'}]).focus).toBe('log');
		expect(run([{type: 'switchPane'}, {type: 'switchPane'}]).focus).toBe('table');
		const zoomed = run([{type: 'zoom'}]);
		expect(zoomed).toMatchObject({zoom: true, focus: 'log'});
		// Tab does nothing while zoomed.
		expect(reduceView(zoomed, {type: 'switchPane'})).toBe(zoomed);
		expect(reduceView(zoomed, {type: 'zoom'})).toMatchObject({zoom: false, focus: 'table'});
		expect(reduceView(zoomed, {type: 'unzoom'})).toMatchObject({zoom: false, focus: 'table'});
		expect(run([{type: 'switchPane'}, {type: 'zoom'}, {type: 'zoom'}]).focus).toBe('table');
	});

	it('Esc leaves one thing at a time: zoom or the log, then the filter, the marks, the message', () => {
		expect(run([{type: 'zoom'}, {type: 'back'}])).toMatchObject({zoom: false, focus: 'table'});
		let state = run([
			{type: 'say', message: {text: 'hello', kind: 'info'}},
			{type: 'toggleMark', id: 2},
			{type: 'open', mode: {kind: 'filter', value: '', before: ''}},
			{type: 'typed', value: 'make'},
			{type: 'close'},
			{type: 'switchPane'},
		]);
		const steps: Array<{focus: string; filter: string; marks: number; message: string | undefined}> = [];
		for (let step = 0; step < 5; step++) {
			state = reduceView(state, {type: 'back'});
			steps.push({focus: state.focus, filter: state.filter, marks: state.marked.size, message: state.message?.text});
		}

		expect(steps).toEqual([
			{focus: 'table', filter: 'make', marks: 1, message: 'hello'},
			{focus: 'table', filter: '', marks: 1, message: 'hello'},
			{focus: 'table', filter: '', marks: 0, message: 'hello'},
			{focus: 'table', filter: '', marks: 0, message: undefined},
			{focus: 'table', filter: '', marks: 0, message: undefined},
		]);
	});

	it('shows and hides the side panel', () => {
		expect(run([{type: 'toggleSide'}]).showSide).toBe(true);
		expect(run([{type: 'toggleSide'}, {type: 'toggleSide'}]).showSide).toBe(false);
	});
});

describe('prompts', () => {
	it('apply the filter as it is typed, from the first row', () => {
		const moved = run([{type: 'moveTo', index: 3, ids}]);
		const typing = run(
			[
				{type: 'open', mode: {kind: 'filter', value: '', before: ''}},
				{type: 'typed', value: 'ma'},
			],
			moved,
		);
		expect(typing).toMatchObject({filter: 'ma', fallbackIndex: 0, mode: {kind: 'filter', value: 'ma', before: ''}});
		expect(reduceView(typing, {type: 'close'})).toMatchObject({filter: 'ma', mode: {kind: 'normal'}});
	});

	it('put the filter back on Esc', () => {
		const state = run([{type: 'open', mode: {kind: 'filter', value: 'old', before: 'old'}}, {type: 'typed', value: 'new'}, {type: 'cancelPrompt'}]);
		expect(state).toMatchObject({filter: 'old', mode: {kind: 'normal'}});
	});

	it('keep other prompts away from the filter', () => {
		const state = run([
			{type: 'open', mode: {kind: 'palette', value: ''}},
			{type: 'typed', value: 'parallel 2'},
		]);
		expect(state).toMatchObject({filter: '', mode: {kind: 'palette', value: 'parallel 2'}});
		expect(reduceView(state, {type: 'cancelPrompt'})).toMatchObject({filter: '', mode: {kind: 'normal'}});
	});

	it('keep the text cursor, and leave the rows alone when only the cursor moves in the filter', () => {
		const typed = run([
			{type: 'open', mode: {kind: 'filter', value: '', before: ''}},
			{type: 'typed', value: 'make', cursor: 4},
		]);
		const moved = run([{type: 'moveTo', index: 2, ids}], typed);
		const left = reduceView(moved, {type: 'typed', value: 'make', cursor: 1});
		expect(left).toMatchObject({mode: {kind: 'filter', value: 'make', cursor: 1}, filter: 'make', fallbackIndex: 2});
	});

	it('bring back a line of the history in the palette and the input line, the cursor after it', () => {
		const recalled = run([
			{type: 'open', mode: {kind: 'palette', value: 'pa'}},
			{type: 'recalled', value: 'parallel 2', recall: {index: 0, draft: 'pa'}},
		]);
		expect(recalled.mode).toEqual({kind: 'palette', value: 'parallel 2', cursor: 10, recall: {index: 0, draft: 'pa'}});
		// The filter has no history.
		const filter = run([{type: 'open', mode: {kind: 'filter', value: '', before: ''}}]);
		expect(reduceView(filter, {type: 'recalled', value: 'x', recall: undefined})).toBe(filter);
	});

	it('ignore typing when no prompt is open', () => {
		expect(reduceView(initialViewState, {type: 'typed', value: 'x'})).toBe(initialViewState);
		expect(reduceView(initialViewState, {type: 'cancelPrompt'})).toBe(initialViewState);
	});
});

describe('help', () => {
	it('scrolls between the first line and the last page', () => {
		const open = run([{type: 'open', mode: {kind: 'help', scroll: 0}}]);
		const scroll = (events: ViewEvent[]) => (run(events, open).mode as {scroll: number}).scroll;
		expect(scroll([{type: 'scrollHelp', delta: 1, last: 2}])).toBe(1);
		expect(scroll([1, 2, 3].map(() => ({type: 'scrollHelp', delta: 1, last: 2}) as const))).toBe(2);
		expect(scroll([{type: 'scrollHelp', delta: -1, last: 2}])).toBe(0);
		expect(reduceView(initialViewState, {type: 'scrollHelp', delta: 1, last: 2})).toBe(initialViewState);
	});
});

describe('the table scroll', () => {
	it('changes nothing when it stays', () => {
		expect(reduceView(initialViewState, {type: 'scrolled', top: 0})).toBe(initialViewState);
		expect(reduceView(initialViewState, {type: 'scrolled', top: 7}).top).toBe(7);
	});
});

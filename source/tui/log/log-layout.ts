// Turns a view state into the display rows of the pane, reading only the buffer
// lines that are visible (plus, with wrap off, the continuation lines a visible
// logical line spans), never the whole scrollback.
import {appendSegments, type StyledSegment} from './cell-style.js';
import {LogNavigator, resolveTop, type LogPosition, type LogSource, type LogViewState, type Viewport} from './log-view-state.js';

export interface LogRowSource extends LogSource {
	/** Columns [startColumn, endColumn) of a line, as segments at most that wide. */
	getLineRange(line: number, startColumn: number, endColumn: number, trimRight?: boolean): StyledSegment[];
}

export type LogRow = {
	/** Relative buffer line and display row inside it. */
	position: LogPosition;
	segments: StyledSegment[];
};

/** Up to viewport.height rows from the view's top; fewer when the log is shorter. */
export function layoutLogRows(source: LogRowSource, state: LogViewState, viewport: Viewport): LogRow[] {
	const rows: LogRow[] = [];
	if (viewport.height <= 0 || source.lineCount === 0) return rows;
	const navigator = new LogNavigator(source, viewport.width, state.wrap);
	let position: LogPosition | undefined = resolveTop(state, source, viewport);
	while (position && rows.length < viewport.height) {
		rows.push({position, segments: rowSegments(source, navigator, state, position)});
		position = navigator.down(position);
	}

	return rows;
}

function rowSegments(source: LogRowSource, navigator: LogNavigator, state: LogViewState, position: LogPosition): StyledSegment[] {
	const {width} = navigator;
	if (state.wrap) {
		// Not chunked means the pane is at least as wide as the pty: a whole line fits.
		return navigator.chunked ? source.getLineRange(position.line, position.sub * width, (position.sub + 1) * width, true) : source.getLineRange(position.line, 0, source.cols, true);
	}

	// Wrap off: the logical line is the concatenation of its buffer lines, each
	// `cols` wide; read only the ones under the window [left, left + width).
	const {cols} = source;
	const end = navigator.unitEnd(position.line);
	const segments: StyledSegment[] = [];
	const left = state.left;
	for (let k = Math.floor(left / cols); position.line + k < end && k * cols < left + width; k++) {
		const line = position.line + k;
		const from = Math.max(0, left - k * cols);
		const to = Math.min(cols, left + width - k * cols);
		appendSegments(segments, source.getLineRange(line, from, to, line === end - 1));
	}

	return segments;
}

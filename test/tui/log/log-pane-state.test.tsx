// The log pane's header says whether more output can come: FOLLOW (or how
// many lines came while scrolled up) for a live task, `end of log` or
// `scrolled up` once it ended, `stale` while the daemon is away.
import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {LogPane} from '../../../source/tui/log/log-pane.js';
import {createLogViewState, logViewport, scrollLines} from '../../../source/tui/log/log-view-state.js';
import type {TerminalBuffer} from '../../../source/tui/log/terminal-buffer.js';
import {bufferWith, numberedLines} from './helpers.js';

const buffers: TerminalBuffer[] = [];
afterEach(() => {
	for (const buffer of buffers.splice(0)) buffer.dispose();
});

async function headerLine(state: 'live' | 'ended' | 'stale', scrolled: boolean): Promise<string> {
	const buffer = await bufferWith(numberedLines(0, 50));
	buffers.push(buffer);
	const size = {width: 60, height: 6};
	const view = scrolled ? scrollLines(createLogViewState(), buffer, logViewport(size.width, size.height), -10) : createLogViewState();
	const {lastFrame, unmount} = render(<LogPane buffer={buffer} view={view} {...size} title="task 1" state={state} />);
	const line = (lastFrame() ?? '').split('\n')[0] ?? '';
	unmount();
	return line;
}

describe('the log pane header', () => {
	it('says FOLLOW for a live log, and the new lines when scrolled up', async () => {
		expect(await headerLine('live', false)).toMatch(/FOLLOW$/);
		expect(await headerLine('live', true)).toContain('paused — 0 new lines');
	});

	it('never says FOLLOW or paused for a task that ended', async () => {
		const end = await headerLine('ended', false);
		expect(end).toMatch(/end of log$/);
		const up = await headerLine('ended', true);
		expect(up).toContain('scrolled up');
		for (const line of [end, up]) {
			expect(line).not.toContain('FOLLOW');
			expect(line).not.toContain('paused');
		}
	});

	it('says stale while not connected', async () => {
		expect(await headerLine('stale', false)).toContain('stale: not connected');
	});
});

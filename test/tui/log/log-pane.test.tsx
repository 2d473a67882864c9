import {afterEach, describe, expect, it, vi} from 'vitest';

// Chalk picks its colour level when Ink is first imported: force truecolor so the
// frames show the escape sequences the pane asked for (FORCE_COLOR alone only
// lifts a non-TTY to the level TERM suggests).
vi.hoisted(() => {
	process.env.FORCE_COLOR = '3';
	process.env.COLORTERM = 'truecolor';
});

const {render} = await import('ink-testing-library');
const {LogPane} = await import('../../../source/tui/log/log-pane.js');
const {createLogViewState, scrollLines, setSearchQuery, toggleWrap, logViewport} = await import('../../../source/tui/log/log-view-state.js');
const {bufferWith, numberedLines, writeAll} = await import('./helpers.js');
const {waitFor} = await import('../../helpers/wait-for.js');
type TerminalBuffer = import('../../../source/tui/log/terminal-buffer.js').TerminalBuffer;

const cleanups: Array<() => void> = [];
afterEach(() => {
	for (const cleanup of cleanups.splice(0)) cleanup();
});

async function make(...args: Parameters<typeof bufferWith>): Promise<TerminalBuffer> {
	const buffer = await bufferWith(...args);
	cleanups.push(() => {
		buffer.dispose();
	});
	return buffer;
}

function mount(element: React.ReactElement) {
	const instance = render(element);
	cleanups.push(() => {
		instance.unmount();
	});
	return instance;
}

const ansi = /\u001B\[[0-9;]*m/g;
function plain(frame: string | undefined): string[] {
	return (frame ?? '').replaceAll(ansi, '').split('\n');
}

/** The first frame that passes `test`; throws with the last frame if none does in time. */
async function frameMatching(lastFrame: () => string | undefined, test: (lines: string[]) => boolean, what: string): Promise<string[]> {
	try {
		return await waitFor(
			() => {
				const lines = plain(lastFrame());
				return test(lines) ? lines : undefined;
			},
			{what, timeoutMs: 5000, intervalMs: 10},
		);
	} catch (error) {
		throw new Error(`${(error as Error).message}; the last frame:\n${plain(lastFrame()).join('\n')}`);
	}
}

describe('LogPane', () => {
	it('renders exactly `height` rows, however much output there is', async () => {
		for (const lines of [0, 3, 200]) {
			const buffer = await make(numberedLines(0, lines));
			for (const height of [1, 2, 7, 20]) {
				const {lastFrame, unmount} = render(<LogPane buffer={buffer} view={createLogViewState()} width={30} height={height} title="task 1" />);
				expect(plain(lastFrame()), `${lines} lines, height ${height}`).toHaveLength(height);
				unmount();
			}
		}
	});

	it('shows the task, FOLLOW and the last lines', async () => {
		const buffer = await make(numberedLines(0, 50));
		const {lastFrame} = mount(<LogPane buffer={buffer} view={createLogViewState()} width={40} height={4} title="#7 make test" />);
		const lines = plain(lastFrame());
		expect(lines[0]).toMatch(/^#7 make test\s+FOLLOW$/);
		expect(lines.slice(1).map((line) => line.trimEnd())).toEqual(['line 47', 'line 48', 'line 49']);
	});

	it('shows colours as escape sequences, and the \\r progress as one line', async () => {
		const buffer = await make('\u001B[31mred\u001B[0m \u001B[38;2;255;136;0morange\u001B[0m\n10%\r50%\r100%\n');
		const {lastFrame} = mount(<LogPane buffer={buffer} view={createLogViewState()} width={40} height={4} />);
		const frame = lastFrame() ?? '';
		expect(frame).toContain('\u001B[31mred');
		expect(frame).toContain('\u001B[38;2;255;136;0morange');
		expect(
			plain(frame)
				.slice(1)
				.map((line) => line.trimEnd()),
		).toEqual(['red orange', '100%', '']);
	});

	it('re-renders new output when `version` changes', async () => {
		const buffer = await make(numberedLines(0, 5));
		const view = createLogViewState();
		const {lastFrame, rerender} = mount(<LogPane buffer={buffer} view={view} width={30} height={4} version={1} />);
		await writeAll(buffer, 'fresh output\n');
		rerender(<LogPane buffer={buffer} view={view} width={30} height={4} version={2} />);
		const lines = await frameMatching(lastFrame, (lines) => lines.at(-1)?.trimEnd() === 'fresh output', 'the new output');
		expect(lines.at(-1)?.trimEnd()).toBe('fresh output');
	});

	it('says how many lines arrived while paused', async () => {
		const buffer = await make(numberedLines(0, 50));
		const size = {width: 60, height: 6};
		const view = scrollLines(createLogViewState(), buffer, logViewport(size.width, size.height), -10);
		await writeAll(buffer, numberedLines(50, 53));
		const {lastFrame} = mount(<LogPane buffer={buffer} view={view} {...size} title="t" />);
		const lines = plain(lastFrame());
		expect(lines[0]).toContain('paused — 3 new lines (End to follow)');
		expect(lines[1]?.trimEnd()).toBe('line 35');
	});

	it('shows the search status and highlights matches', async () => {
		const buffer = await make(`${numberedLines(0, 20)}an error here\n${numberedLines(20, 30)}`);
		const size = {width: 60, height: 6};
		const view = setSearchQuery(createLogViewState(), buffer, logViewport(size.width, size.height), 'ERROR');
		const {lastFrame} = mount(<LogPane buffer={buffer} view={view} {...size} focused />);
		const frame = lastFrame() ?? '';
		expect(plain(frame)[0]).toContain('/ERROR 1/1');
		expect(plain(frame).some((line) => line.startsWith('an error here'))).toBe(true);
		// Black on yellow.
		expect(frame).toMatch(/\u001B\[43m(\u001B\[30m)?error|\u001B\[30m(\u001B\[43m)?error/);
	});

	it('cuts long lines at the pane width with wrap off', async () => {
		const buffer = await make(`${'x'.repeat(150)}\nshort\n`, {cols: 200});
		const view = toggleWrap(createLogViewState());
		const {lastFrame} = mount(<LogPane buffer={buffer} view={view} width={50} height={3} />);
		const lines = plain(lastFrame());
		expect(lines).toHaveLength(3);
		expect(lines[1]).toBe('x'.repeat(50));
		expect(lines[2]?.trimEnd()).toBe('short');
		expect(lines[0]).toContain('nowrap');
	});

	it('renders only the visible rows of a 100,000-line log', async () => {
		const buffer = await make(numberedLines(0, 100_000), {cols: 80, rows: 24, scrollback: 100_000});
		expect(buffer.lineCount).toBe(100_000);
		// Count what the pane reads from the buffer.
		const read = new Set<number>();
		const original = buffer.getLineRange.bind(buffer);
		buffer.getLineRange = (line, start, end, trim) => {
			read.add(line);
			return original(line, start, end, trim);
		};

		const {lastFrame} = mount(<LogPane buffer={buffer} view={createLogViewState()} width={80} height={20} />);
		const lines = plain(lastFrame());
		expect(lines).toHaveLength(20);
		expect(lines.at(-1)?.trimEnd()).toBe('line 99999');
		expect(read.size).toBe(19);

		read.clear();
		const view = scrollLines(createLogViewState(), buffer, logViewport(80, 20), -50_000);
		const {lastFrame: pausedFrame} = mount(<LogPane buffer={buffer} view={view} width={80} height={20} />);
		const paused = plain(pausedFrame());
		expect(paused).toHaveLength(20);
		expect(paused[1]?.trimEnd()).toBe('line 49981');
		expect(read.size).toBe(19);
	});
});

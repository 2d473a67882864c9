// While the daemon is away the UI keeps the last table it had, marked stale
// (the header says since when, the rows are dimmed, the log pane says it is
// not live), and it becomes live again by itself on reconnect.
import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';

// Dimmed rows are only visible in the frame's escape codes.
vi.hoisted(() => {
	process.env.FORCE_COLOR = '3';
	process.env.COLORTERM = 'truecolor';
});

import {connect} from '../../source/client/client.js';
import {defaultConfig, resolvePaths} from '../../source/config.js';
import {Daemon} from '../../source/daemon/daemon.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {App} from '../../source/tui/app.js';
import {DaemonLink} from '../../source/tui/daemon-link.js';
import {buildKeymap} from '../../source/tui/keymap.js';
import {QueueStore} from '../../source/tui/queue-store.js';
import {taskEnv} from '../helpers/queue-client.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';

const strip = (text: string) => text.replaceAll(/\u001B\[[0-9;]*m/g, '');
/** The frame's line for a task row, with its escape codes. */
const rawRow = (frame: string, command: string) => frame.split('\n').find((line) => strip(line).includes(command) && !strip(line).startsWith('task ')) ?? '';
const dim = '\u001B[2m';

describe('the UI while the daemon is away', () => {
	it('keeps the last table, marked stale, and is live again after the reconnect', async () => {
		const {home, cleanup} = makeTempHome();
		const paths = resolvePaths(home);
		const start = async () => {
			const daemon = new Daemon({paths, config: defaultConfig()});
			await daemon.start();
			return daemon;
		};

		let daemon = await start();
		const open = async () => connect({endpoint: {kind: 'unix', path: paths.socket}, secret: readSecretFile(paths.secret)});
		const store = new QueueStore(10);
		const link = new DaemonLink(open, store, paths.socket);
		link.start();
		const instance = render(<App link={link} keymap={buildKeymap()} cwd="/tmp" env={{}} size={{columns: 120, rows: 30}} />);
		const frame = () => strip(instance.lastFrame() ?? '');
		const waitForFrame = async (check: (text: string) => boolean, what: string) => waitFor(() => (check(frame()) ? frame() : undefined), {what: `${what}; last frame:\n${frame()}`});
		try {
			await waitForFrame((text) => text.includes('● connected'), 'connected');
			const client = await open();
			await client.request({type: 'Add', command: 'echo kept-one', cwd: '/tmp', env: taskEnv()});
			await client.request({type: 'Add', command: 'echo kept-two', cwd: '/tmp', env: taskEnv(), stashed: true});
			await client.request({type: 'Add', command: 'echo kept-three', cwd: '/tmp', env: taskEnv()});
			client.close();
			await waitForFrame((text) => /3 ✔ Success/.test(text) && text.includes('kept-one') && text.includes('end of log'), 'the tasks and the first log');
			expect(rawRow(instance.lastFrame() ?? '', 'echo kept-one')).not.toContain(dim);

			await daemon.stop();
			const stale = await waitForFrame((text) => /reconnecting… stale since \d\d:\d\d:\d\d/.test(text), 'the stale header');
			// The rows are still there, dimmed; the log kept for the first task says it is not live.
			expect(stale).toContain('echo kept-one');
			expect(stale).toContain('echo kept-two');
			expect(stale).toContain('stale: not connected');
			expect(rawRow(instance.lastFrame() ?? '', 'echo kept-one')).toContain(dim);
			instance.stdin.write('j');
			await waitForFrame((text) => text.includes('task 2 has not run yet: stashed'), 'the second task, which needs no log');
			// A log not opened before cannot be fetched now: the pane says so.
			instance.stdin.write('j');
			await waitForFrame((text) => text.includes('task 3: not connected to the daemon; its log comes back on reconnect'), 'the third task, not connected');
			expect(frame()).toContain('stale since');

			daemon = await start();
			const live = await waitForFrame((text) => text.includes('● connected') && !text.includes('stale'), 'live again');
			expect(live).toContain('echo kept-one');
			expect(rawRow(instance.lastFrame() ?? '', 'echo kept-one')).not.toContain(dim);
			await waitForFrame((text) => text.includes('task 3 · echo kept-three') && /^kept-three/m.test(text), 'the third log, opened on reconnect');
		} finally {
			instance.unmount();
			link.stop();
			store.dispose();
			await daemon.stop();
			cleanup();
		}
	});
});

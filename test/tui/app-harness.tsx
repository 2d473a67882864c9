// Renders the real App against a real daemon on a temp home, with
// ink-testing-library. No mocked data: tasks come from the daemon.
import {render} from 'ink-testing-library';
import {App} from '../../source/tui/app.js';
import {DaemonLink} from '../../source/tui/daemon-link.js';
import type {PromptHistory} from '../../source/tui/history-file.js';
import {buildKeymap} from '../../source/tui/keymap.js';
import {QueueStore} from '../../source/tui/queue-store.js';
import {startTestDaemon, type DaemonOverrides, type TestDaemon} from '../helpers/test-daemon.js';
import {waitFor} from '../helpers/wait-for.js';

export type Harness = {
	daemon: TestDaemon;
	client: Awaited<ReturnType<TestDaemon['client']>>;
	frame: () => string;
	/** The last frame with its colour codes. */
	raw: () => string;
	/** Sends keys one at a time, as a person types. */
	press: (...keys: string[]) => Promise<void>;
	type: (text: string) => Promise<void>;
	waitForFrame: (check: (frame: string) => boolean, what: string) => Promise<string>;
	/** The UI's stdin (a fake terminal). */
	stdin: ReturnType<typeof render>['stdin'];
	/** Whether the UI has quit. */
	exited: () => boolean;
	close: () => Promise<void>;
};

export const keys = {enter: '\r', escape: '\u001B', tab: '\t', down: '\u001B[B', up: '\u001B[A', space: ' '};

const strip = (text: string) => text.replaceAll(/\u001B\[[0-9;]*m/g, '');

type HarnessOptions = {size?: {columns: number; rows: number}; config?: DaemonOverrides; history?: PromptHistory};

export async function startHarness({size = {columns: 120, rows: 40}, config = {}, history}: HarnessOptions = {}): Promise<Harness> {
	const daemon = await startTestDaemon(config);
	const client = await daemon.client();
	const store = new QueueStore(10);
	const link = new DaemonLink(async () => daemon.client(), store, 'test socket');
	link.start();
	let exited = false;
	const instance = render(
		<App
			link={link}
			keymap={buildKeymap()}
			cwd="/tmp"
			env={{PATH: process.env.PATH ?? '/usr/bin:/bin'}}
			size={size}
			{...(history ? {history} : {})}
			onExit={() => {
				exited = true;
			}}
		/>,
	);
	const frame = () => strip(instance.lastFrame() ?? '');
	const harness: Harness = {
		daemon,
		client,
		frame,
		raw: () => instance.lastFrame() ?? '',
		stdin: instance.stdin,
		exited: () => exited,
		async press(...sequence) {
			for (const key of sequence) {
				instance.stdin.write(key);
				// Ink reads stdin on the next tick; let each key land before the next.
				await new Promise((resolve) => setTimeout(resolve, 30));
			}
		},
		async type(text) {
			await harness.press(...text);
		},
		async waitForFrame(check, what) {
			return waitFor(() => (check(frame()) ? frame() : undefined), {what: `${what}; last frame:\n${frame()}`});
		},
		async close() {
			instance.unmount();
			link.stop();
			store.dispose();
			await daemon.stop();
		},
	};
	await harness.waitForFrame((text) => text.includes('connected'), 'the UI to connect');
	return harness;
}

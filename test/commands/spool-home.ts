// One temp home per test file, driven through the real bin/spool.js: the first
// command auto-starts its daemon; stop() shuts it down and removes the home.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect} from 'vitest';
import {type RunResult, runSpool} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {waitFor} from '../helpers/wait-for.js';

export type SpoolHome = {
	home: string;
	/** `spool --home H ...args` (the home goes first, so `add -- cmd` stays intact). */
	spool: (args: string[], env?: NodeJS.ProcessEnv) => Promise<RunResult>;
	/** Runs, expects exit 0 and no stderr (but the one-time auto-start notice), returns stdout. */
	ok: (args: string[], env?: NodeJS.ProcessEnv) => Promise<string>;
	/** `status --json`'s tasks. */
	tasks: () => Promise<Array<Record<string, unknown> & {id: number; status: string}>>;
	/** Adds a task and returns its id. */
	add: (args: string[]) => Promise<number>;
	waitForTask: (id: number, status: string) => Promise<void>;
	stop: () => Promise<void>;
};

export function spoolHome(): SpoolHome {
	const {home, cleanup} = makeTempHome();
	const spool = async (args: string[], env?: NodeJS.ProcessEnv) => runSpool(['--home', home, ...args], {env});
	const ok = async (args: string[], env?: NodeJS.ProcessEnv) => {
		const result = await spool(args, env);
		expect(result.stderr.replace(/^spool: no daemon was running.*\n/, ''), `spool ${args.join(' ')}`).toBe('');
		expect(result.code).toBe(0);
		return result.stdout;
	};

	const tasks = async () => (JSON.parse(await ok(['status', '--json'])) as {tasks: Array<Record<string, unknown> & {id: number; status: string}>}).tasks;
	return {
		home,
		spool,
		ok,
		tasks,
		async add(args) {
			const id = Number((await ok(['add', '--print-task-id', ...args])).trim());
			if (!Number.isInteger(id)) throw new Error(`spool add ${args.join(' ')} printed no id`);
			return id;
		},
		async waitForTask(id, status) {
			await waitFor(async () => (await tasks()).find((task) => task.id === id)?.status === status, {what: `task ${id} to be ${status}`});
		},
		async stop() {
			const result = await spool(['shutdown', '--no-autostart']);
			if (result.code !== 0) {
				// No shutdown command (or it failed): stop the daemon by its pid file.
				try {
					process.kill(Number(readFileSync(path.join(home, 'spool.pid'), 'utf8').trim()), 'SIGTERM');
				} catch {}
			}

			cleanup();
		},
	};
}

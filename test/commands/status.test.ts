// `spool status` through the real binary: tables per group, queries, --json.
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

afterAll(async () => {
	await h.stop();
});

const lines = (text: string) => text.split('\n');

describe('spool status (real binary)', () => {
	it('prints a friendly line for an empty queue (auto-starting the daemon)', async () => {
		const result = await h.spool(['status']);
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^spool: no daemon was running; started one/);
		expect(result.stdout).toBe('The queue is empty. Add a task with `spool add -- <command>`.\n');
	});

	it('shows a header per group and a row per task, without colour under NO_COLOR', async () => {
		const greet = await h.add(['-l', 'greet', '--', 'echo', 'hi']);
		const fail = await h.add(['--', 'exit 3']);
		await h.waitForTask(fail, 'Done');
		const out = await h.ok(['status']);
		expect(out).not.toContain('\u001B');
		const [header, columns, first, second] = lines(out);
		expect(header).toBe('Group "default" (1 parallel): running');
		expect(columns).toMatch(/^Id +Status +Label +Command +Path +Start +End +Duration$/);
		expect(first).toMatch(new RegExp(`^ *${greet} +✔ Success +greet +echo hi +\\S+ +\\d\\d:\\d\\d:\\d\\d +\\d\\d:\\d\\d:\\d\\d +\\d+\\.\\ds$`));
		expect(second).toMatch(new RegExp(`^ *${fail} +✘ Failed \\(3\\) +exit 3 `));
		// Optional columns stay out when no task uses them.
		expect(columns).not.toMatch(/Prio|After|Enqueue|Worker/);
	});

	it('colours when asked, whatever NO_COLOR says', async () => {
		const out = await h.ok(['status', '--color', 'always']);
		expect(out).toContain('\u001B[32m✔ Success\u001B[39m');
		expect(out).toContain('\u001B[31m✘ Failed (3)\u001B[39m');
	});

	it('prints {tasks, groups, daemon} with --json', async () => {
		const reply = JSON.parse(await h.ok(['status', '--json'])) as Record<string, unknown>;
		expect(Object.keys(reply)).toEqual(['tasks', 'groups', 'daemon']);
		expect(reply.daemon).toEqual({version: expect.any(String), pid: expect.any(Number), startedAt: expect.any(String), problem: null});
		expect(reply.groups).toEqual([{name: 'default', status: 'Running', parallel: 1}]);
		expect(reply.tasks).toEqual([
			expect.objectContaining({id: 1, command: 'echo hi', label: 'greet', status: 'Done', result: 'Success', exitCode: 0}),
			expect.objectContaining({id: 2, command: 'exit 3', status: 'Done', result: 'Failed', exitCode: 3}),
		]);
	});

	it('filters with a query, hiding groups without a match', async () => {
		await h.ok(['group', 'add', 'gpu']);
		const all = await h.ok(['status']);
		expect(all).toContain('\nGroup "gpu" (1 parallel): running\n');

		const failed = await h.ok(['status', 'status=failed']);
		expect(failed).toMatch(/^ *2 +✘ Failed/m);
		expect(failed).not.toMatch(/✔ Success/);
		expect(failed).not.toContain('gpu');

		expect(await h.ok(['status', 'label%=GRE'])).toMatch(/^ *1 +✔ Success +greet/m);
		expect(await h.ok(['status', 'status=running'])).toBe('No task matches the query.\n');
		const ordered = JSON.parse(await h.ok(['status', '--json', 'order_by', 'id', 'desc', 'first', '1'])) as {tasks: Array<{id: number}>};
		expect(ordered.tasks.map((task) => task.id)).toEqual([2]);
	});

	it('shows a group asked for by name even when it is empty, and refuses unknown ones', async () => {
		expect(await h.ok(['status', '-g', 'gpu'])).toBe('Group "gpu" (1 parallel): running\n');
		const missing = await h.spool(['status', '-g', 'nope']);
		expect(missing.code).toBe(1);
		expect(missing.stderr).toMatch(/no group "nope".*\[not_found\]/);
	});

	it('refuses a bad query with exit 2, saying what was wrong and an example', async () => {
		const result = await h.spool(['status', 'status=bogus']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/unknown status "bogus"/);
		expect(result.stderr).toContain('e.g. `spool status status=failed');
		expect(result.stdout).toBe('');
	});

	it('adds priority, dependency and enqueue-at columns only to the tables that use them, and ticks running tasks', async () => {
		const dir = path.join(h.home, 'work', 'sub');
		mkdirSync(dir, {recursive: true});
		const running = await h.add(['-g', 'gpu', '-w', dir, '--', 'sleep', '60']);
		await h.add(['-g', 'gpu', '-o', '5', '-a', String(running), '--', 'echo', 'after']);
		await h.add(['-g', 'gpu', '-d', '2h', '--', 'echo', 'later']);
		await h.waitForTask(running, 'Running');

		const out = await h.ok(['status'], {HOME: path.join(h.home, 'work')});
		const [defaultBlock, gpuBlock] = out.split('\n\n');
		expect(defaultBlock).not.toMatch(/Prio|After|Enqueue at/);
		expect(gpuBlock).toMatch(/^Id +Status +Prio +After +Enqueue at +Command +Path +Start +End +Duration$/m);
		expect(gpuBlock).toMatch(new RegExp(`^ *${running} +▶ Running +0 +- +- +sleep 60 +~/sub +\\d\\d:\\d\\d:\\d\\d +- +\\d+\\.\\ds$`, 'm'));
		expect(gpuBlock).toMatch(new RegExp(`◦ Queued +5 +${running} +- +echo after`));
		// Two hours ahead may already be tomorrow, shown with its date.
		expect(gpuBlock).toMatch(/◌ Stashed +0 +- +(\d{4}-\d\d-\d\d )?\d\d:\d\d(:\d\d)? +echo later/);

		const ticking = async () => /(\d+\.\d)s$/m.exec((await h.ok(['status', 'status=running'])).trimEnd())![1]!;
		const before = Number(await ticking());
		await waitFor(async () => Number(await ticking()) > before, {what: `the running duration to grow past ${before}s`});
		await h.ok(['kill', String(running)]);
	});
});

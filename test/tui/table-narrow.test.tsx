// The task table on an 80-column terminal against a real daemon: empty
// columns make way for the command, statuses take a short form instead of
// being cut, paths lose their left end, and o / O sort it.
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {addTask, waitFor as waitForTasks} from '../helpers/queue-client.js';
import {type Harness, startHarness} from './app-harness.js';

let harness: Harness | undefined;
const cleanups: Array<() => void> = [];
afterEach(async () => {
	await harness?.close();
	harness = undefined;
	for (const cleanup of cleanups.splice(0)) cleanup();
});

const narrow = {size: {columns: 80, rows: 24}};
const header = (frame: string) => frame.split('\n').find((line) => /\bId\b/.test(line) && /\bCommand\b/.test(line)) ?? '';
const row = (frame: string, id: number) => frame.split('\n').find((line) => new RegExp(`^.\\s*${id} `).test(line));
/** The ids of the table's rows, top to bottom. */
const rowIds = (frame: string) =>
	frame
		.split('\n')
		.map((line) => /^.\s*(\d+) [◦◌✎▶‖✔✘]/.exec(line)?.[1])
		.filter((id): id is string => id !== undefined)
		.map(Number);

describe('the task table at 80 columns', () => {
	it('never cuts a status, and leaves out Group and Label while they would be empty', async () => {
		harness = await startHarness(narrow);
		const failed = await addTask(harness.client, 'exit 4');
		const dependant = await addTask(harness.client, 'echo never', {after: [failed.id]});
		await waitForTasks(harness.client, [dependant.id]);
		const frame = await harness.waitForFrame((text) => Boolean(row(text, dependant.id)?.includes('✘ Dep failed')), 'the short status');
		expect(row(frame, dependant.id)).not.toContain('…');
		expect(row(frame, failed.id)).toContain('✘ Failed (4)');
		expect(header(frame)).not.toContain('Group');
		expect(header(frame)).not.toContain('Label');
		// The command column starts after the status and runs to Start.
		const title = header(frame);
		expect(title.indexOf('Start') - title.indexOf('Command') - 1).toBeGreaterThan(30);
	});

	it('shows Group once tasks are in two groups, and Label once a task has one', async () => {
		harness = await startHarness(narrow);
		await harness.client.request({type: 'GroupAdd', name: 'gpu'});
		await addTask(harness.client, 'echo one', {stashed: true});
		await harness.waitForFrame((text) => text.includes('echo one'), 'the first row');
		expect(header(harness.frame())).not.toContain('Group');
		await addTask(harness.client, 'echo two', {stashed: true, group: 'gpu', label: 'nightly'});
		const frame = await harness.waitForFrame((text) => header(text).includes('Group'), 'the Group column');
		expect(frame).toMatch(/gpu/);
	});

	it('shortens a long path from the left when there is room for the Path column', async () => {
		const base = mkdtempSync(path.join(tmpdir(), 'spool-path-'));
		cleanups.push(() => rmSync(base, {recursive: true, force: true}));
		const cwd = path.join(base, 'a-rather-long-directory-name', 'another-long-one', 'src', 'app');
		mkdirSync(cwd, {recursive: true});
		harness = await startHarness({size: {columns: 120, rows: 30}});
		await addTask(harness.client, 'echo deep', {cwd, stashed: true});
		const frame = await harness.waitForFrame((text) => text.includes('echo deep'), 'the row');
		expect(header(frame)).toContain('Path');
		expect(frame).toMatch(/…[\w/-]*\/src\/app/);
	});

	it('sorts by the next column with o and reverses with O, the header saying so', async () => {
		harness = await startHarness(narrow);
		await harness.client.request({type: 'Parallel', parallel: 0});
		const ok = await addTask(harness.client, 'echo ok');
		const bad = await addTask(harness.client, 'exit 1');
		await waitForTasks(harness.client, [ok.id, bad.id]);
		const stashed = await addTask(harness.client, 'echo later', {stashed: true});
		await harness.waitForFrame((text) => rowIds(text).length === 3, 'three rows');
		expect(rowIds(harness.frame())).toEqual([ok.id, bad.id, stashed.id]);
		await harness.press('o');
		// By status: waiting first, then failures, then successes.
		const byStatus = await harness.waitForFrame((text) => header(text).includes('Status▲'), 'the sort mark');
		expect(rowIds(byStatus)).toEqual([stashed.id, bad.id, ok.id]);
		expect(byStatus).toContain('Sorted by status');
		await harness.press('O');
		const reversed = await harness.waitForFrame((text) => header(text).includes('Status▼'), 'the reversed mark');
		expect(rowIds(reversed)).toEqual([ok.id, bad.id, stashed.id]);
		// The cursor stays on its task as the rows move: it was on the first task.
		await harness.press('d');
		await harness.waitForFrame((text) => text.includes(`Task ${ok.id}`), 'the details of the task under the cursor');
	});
});

// `spool status QUERY` through the real binary: columns=, exact, negated and
// contains matches, times, and first/last after the conditions checked here.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
let delayed = 0;
beforeAll(async () => {
	h = spoolHome();
	await h.ok(['group', 'add', 'gpu']);
	const ids = [await h.add(['-l', 'nightly', '--', 'true']), await h.add(['-l', 'nightly-2', '--', 'exit 2']), await h.add(['-g', 'gpu', '--', 'true'])];
	await h.add(['-s', '-l', 'nightly', '--', 'echo later']);
	delayed = await h.add(['-d', '2h', '--', 'echo delayed']);
	for (const id of ids) await h.waitForTask(id, 'Done');
});

afterAll(async () => {
	await h.stop();
});

const idsOf = async (...query: string[]) => (JSON.parse(await h.ok(['status', '--json', ...query])) as {tasks: Array<{id: number}>}).tasks.map((task) => task.id);

describe('spool status queries (real binary)', () => {
	it('shows exactly the columns asked for, in that order', async () => {
		const out = await h.ok(['status', 'columns=id,status,command']);
		const lines = out.split('\n');
		expect(lines[1]).toMatch(/^Id +Status +Command$/);
		expect(lines[2]).toMatch(/^ *1 +✔ Success +true$/);
		expect(lines[3]).toMatch(/^ *2 +✘ Failed \(2\) +exit 2$/);
		const reordered = await h.ok(['status', 'columns=command,label,id', 'group=gpu']);
		expect(reordered.split('\n')[1]).toMatch(/^Command +Label +Id$/);
		expect(reordered.split('\n')[2]).toMatch(/^true +3$/);
	});

	it('matches labels exactly with =, by contains with %=, and not with !=', async () => {
		expect(await idsOf('label=nightly')).toEqual([1, 4]);
		expect(await idsOf('label%=NIGHTLY')).toEqual([1, 2, 4]);
		expect(await idsOf('label!=nightly')).toEqual([2, 3, delayed]);
		expect(await h.ok(['status', 'label=nightl'])).toBe('No task matches the query.\n');
	});

	it('negates status and group', async () => {
		expect(await idsOf('status!=failed,stashed')).toEqual([1, 3]);
		const out = await h.ok(['status', 'group!=gpu']);
		expect(out).toContain('Group "default"');
		expect(out).not.toContain('gpu');
		expect(await idsOf('group!=gpu')).toEqual([1, 2, 4, delayed]);
	});

	it('compares start, end and enqueued with days and clock times', async () => {
		expect(await idsOf('start=today')).toEqual([1, 2, 3]);
		expect(await idsOf('end>yesterday', 'status=success')).toEqual([1, 3]);
		expect(await h.ok(['status', 'end<2000-01-01'])).toBe('No task matches the query.\n');
		expect(await idsOf('enqueued>yesterday')).toEqual([delayed]);
		expect(await idsOf('start>2000-01-01', '00:00')).toEqual([1, 2, 3]);
	});

	it('cuts first and last after the conditions it checks itself', async () => {
		expect(await idsOf('label!=nightly', 'last', '2')).toEqual([3, delayed]);
		expect(await idsOf('label!=nightly', 'order_by', 'id', 'desc', 'first', '1')).toEqual([delayed]);
	});

	it('orders by path and by enqueue time as pueue does (order_by path, order_by enqueue_at)', async () => {
		const inTmp = await h.add(['-s', '-w', '/tmp', '-l', 'where', '--', 'true']);
		const inRoot = await h.add(['-s', '-w', '/', '-l', 'where', '--', 'true']);
		expect(await idsOf('label=where', 'order_by', 'path')).toEqual([inRoot, inTmp]);
		expect(await idsOf('label=where', 'order_by', 'path', 'desc')).toEqual([inTmp, inRoot]);
		// Only the delayed task has an enqueue time: it sorts first, the rest after it by id.
		expect((await idsOf('order_by', 'enqueue_at'))[0]).toBe(delayed);
		await h.ok(['remove', String(inTmp), String(inRoot)]);
	});

	it('refuses a bad time or column with exit 2', async () => {
		const result = await h.spool(['status', 'start>soon']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/`start>` needs a time/);
		expect((await h.spool(['status', 'columns=id,colour'])).stderr).toMatch(/unknown column "colour"/);
	});
});

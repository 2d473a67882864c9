// --delay through the real bin/spool.js: what `add -d` and `enqueue -d` print
// (one date format), and that a past or unreadable time exits 2 and adds nothing.
import {beforeAll, describe, expect, it} from 'vitest';
import {sharedHomePerFile} from '../helpers/e2e-homes.js';
import type {RunResult} from '../helpers/spool-bin.js';

const shared = sharedHomePerFile();
const spool = shared.spool;

const ok = (result: RunResult) => {
	expect(result.stderr.replace(/^spool: no daemon was running.*\n/, '')).toBe('');
	expect(result.code).toBe(0);
	return result.stdout;
};

type JsonTask = {id: number; status: string; enqueueAt: string | null};
/** status --json's tasks, with enqueueAt (an ISO 8601 string there) as ms since the epoch. */
const tasks = async () =>
	(JSON.parse(ok(await spool('status', '--json'))) as {tasks: JsonTask[]}).tasks.map((entry) => ({...entry, enqueueAt: entry.enqueueAt === null ? null : Date.parse(entry.enqueueAt)}));
const task = async (id: number) => (await tasks()).find((entry) => entry.id === id)!;

// The child runs in this process's time zone, so local formatting here must match it.
const pad2 = (value: number) => String(value).padStart(2, '0');
const localMinute = (ms: number) => {
	const date = new Date(ms);
	return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
};

beforeAll(async () => {
	// Start the daemon once, so each test's output holds no auto-start notice.
	ok(await spool('ping'));
});

describe('--delay on the command line (real binary)', () => {
	it('add -d "5 minutes" says when, as YYYY-MM-DD HH:MM in local time', async () => {
		const before = Date.now();
		const out = ok(await spool('add', '-d', '5 minutes', '--', 'true'));
		const match = /^New task added \(id (\d+), enqueued at (\d{4}-\d\d-\d\d \d\d:\d\d)\)\.\n$/.exec(out);
		expect(match, out).not.toBeNull();
		const added = await task(Number(match![1]));
		// Like pueue, a delayed task waits stashed until its time.
		expect(added.status).toBe('Stashed');
		expect(added.enqueueAt! - before).toBeGreaterThanOrEqual(5 * 60_000);
		expect(added.enqueueAt! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
		expect(match![2]).toBe(localMinute(added.enqueueAt!));
	});

	it('add -d with a clock time, a weekday and an ISO time', async () => {
		for (const when of ['18:30', 'wednesday 10:30pm', 'tomorrow', '2030-04-01T18:30']) {
			const out = ok(await spool('add', '-d', when, '--', 'true'));
			const [, id, printed] = /^New task added \(id (\d+), enqueued at (.+)\)\.\n$/.exec(out) ?? [];
			const {enqueueAt} = await task(Number(id));
			expect(enqueueAt, when).toBeGreaterThan(Date.now());
			expect(printed, when).toBe(localMinute(enqueueAt!));
		}

		const iso = (await tasks()).at(-1)!;
		expect(iso.enqueueAt).toBe(new Date(2030, 3, 1, 18, 30).getTime());
	});

	it('refuses a time in the past with exit 2, says what to write, and adds nothing', async () => {
		const count = (await tasks()).length;
		const past = await spool('add', '-d', '2020-01-01 10:00', '--', 'true');
		expect(past.code).toBe(2);
		expect(past.stdout).toBe('');
		expect(past.stderr).toMatch(/^spool: "2020-01-01 10:00" is in the past \(2020-01-01 10:00\): write a time still to come.*now/);
		const ago = await spool('add', '-d', '5 minutes ago', '--', 'true');
		expect(ago.code).toBe(2);
		expect(ago.stderr).toMatch(/is in the past/);
		expect((await tasks()).length).toBe(count);
	});

	it('refuses text it cannot read with exit 2 and examples of what works', async () => {
		const bad = await spool('add', '-d', 'next tuesday-ish', '--', 'true');
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/^spool: invalid time "next tuesday-ish": write a delay \(30s, 10m, 2h30m, 1d\).*"tomorrow 9:00".*or now\n/);
	});

	it.each([
		// [what you type, earliest and latest ms from now it may mean]
		['2 seconds', 1000, 3000],
		['5 minutes', 290_000, 310_000],
		['1 week', 7 * 86_400_000 - 90_000_000, 7 * 86_400_000 + 90_000_000],
		['in 5 seconds', 4000, 6000],
		['1h 30m', 5_390_000, 5_410_000],
		['5min', 290_000, 310_000],
		['now', -5000, 5000],
		['wednesday', 0, 7 * 86_400_000],
		['wednesday 10:30pm', 0, 8 * 86_400_000],
		['1d 03:00', 0, 2 * 86_400_000],
		['tomorrow', 0, 86_400_000],
		['April 1 2030 18:30:00', 0, Number.POSITIVE_INFINITY],
		['2030-4-1 5pm', 0, Number.POSITIVE_INFINITY],
		['2030-04-01T17:00:00Z', 0, Number.POSITIVE_INFINITY],
	] as const)('add -d %j is taken (between its bounds from now)', async (when, earliest, latest) => {
		const before = Date.now();
		const added = JSON.parse(ok(await spool('add', '--json', '-s', '-d', when, '--', 'true'))) as JsonTask;
		const at = added.enqueueAt === null ? before : Date.parse(added.enqueueAt);
		expect(at - before).toBeGreaterThanOrEqual(earliest - 2000);
		expect(at - before).toBeLessThanOrEqual(latest + 60_000);
		if (when === '2030-4-1 5pm') expect(localMinute(at)).toBe('2030-04-01 17:00');
		if (when === 'April 1 2030 18:30:00') expect(localMinute(at)).toBe('2030-04-01 18:30');
		if (when === 'tomorrow') expect(localMinute(at).slice(11)).toBe('00:00');
	});

	it('refuses a date that does not exist instead of reading it another way', async () => {
		for (const when of ['2030-13-01', '13/1/2030', '2030-02-30', '2030-04-31 10:00', '2026-13-01']) {
			const result = await spool('add', '-s', '-d', when, '--', 'true');
			expect(result.stderr, when).toMatch(/^spool: invalid date ".+": /);
			expect(result.code, when).toBe(2);
		}
	});

	it('enqueue -d delays a stashed task and prints the time it parsed, once', async () => {
		const id = Number(ok(await spool('add', '-p', '-s', '--', 'true')).trim());
		const out = ok(await spool('enqueue', String(id), '-d', 'tomorrow 9:00'));
		const [, printed] = /^Enqueued task \d+ from (\d{4}-\d\d-\d\d \d\d:\d\d)\.\n$/.exec(out) ?? [];
		expect(printed, out).toMatch(/ 09:00$/);
		const {enqueueAt} = await task(id);
		expect(printed).toBe(localMinute(enqueueAt!));

		const past = await spool('enqueue', String(id), '-d', 'yesterday');
		expect(past.code).toBe(2);
		expect(past.stderr).toMatch(/^spool: "yesterday" is in the past/);
		expect((await task(id)).enqueueAt).toBe(enqueueAt);
	});
});

// `spool workers` through the real binary, and its table.
import os from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {renderWorkers} from '../../source/commands/workers.js';
import type {WorkerEntry} from '../../source/protocol/model.js';
import {styler} from '../../source/shared/style.js';
import {type SpoolHome, spoolHome} from './spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
});

afterAll(async () => {
	await h.stop();
});

describe('spool workers (real binary)', () => {
	it('shows the local worker with unlimited slots, as a table and as JSON', async () => {
		const out = await h.ok(['workers']);
		// Column widths follow the values (a load of 10.00 or more widens Load): only the order is fixed.
		expect(out.split('\n')[0]).toMatch(/^Name +Status +Host +Slots +CPUs +Load +Groups +Connected +Last heard$/);
		expect(out).toMatch(new RegExp(`^local +Connected +${os.hostname()} +0/∞ +${os.availableParallelism()} +\\d+\\.\\d\\d +all +\\d\\d:\\d\\d:\\d\\d +-$`, 'm'));
		const {
			workers: [local],
		} = JSON.parse(await h.ok(['workers', '--json'])) as {workers: Array<Record<string, unknown>>};
		expect(local).toEqual({
			name: 'local',
			status: 'Connected',
			slots: 0,
			used: 0,
			groups: null,
			host: os.hostname(),
			platform: `${process.platform}-${process.arch}`,
			cpus: os.availableParallelism(),
			load: expect.any(Number),
			version: expect.any(String),
			connectedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			lastHeard: null,
		});
	});

	it('counts the slots in use', async () => {
		const id = await h.add(['--', 'sleep', '60']);
		await h.waitForTask(id, 'Running');
		expect(await h.ok(['workers'])).toMatch(/^local +Connected +\S+ +1\/∞ /m);
		await h.ok(['kill', String(id)]);
	});
});

describe('the workers table', () => {
	const now = new Date(2026, 0, 2, 12, 0, 0).getTime();
	const plain = styler(false);
	it('shows every state with host, slots, load, groups, since and last heard', () => {
		const workers: WorkerEntry[] = [
			{name: 'local', status: 'Connected', slots: 0, used: 1, groups: null, platform: null, version: null, host: 'queue', cpus: 8, load: 0.5, connectedAt: now - 3_600_000, lastHeard: null},
			{
				name: 'gpu-1',
				status: 'Connected',
				slots: 4,
				used: 2,
				groups: ['gpu'],
				platform: null,
				version: null,
				host: 'gpu-1.lan',
				cpus: 32,
				load: 3.25,
				connectedAt: now - 60_000,
				lastHeard: now - 1200,
			},
			{
				name: 'old',
				status: 'Lost',
				slots: 2,
				used: 0,
				groups: ['default', 'build'],
				platform: null,
				version: null,
				host: 'old.lan',
				cpus: 2,
				load: 0,
				connectedAt: now - 86_400_000 * 2,
				lastHeard: now - 300_000,
			},
		];
		expect(renderWorkers(workers, plain, undefined, now)).toBe(
			[
				'Name   Status     Host       Slots  CPUs  Load  Groups          Connected         Last heard',
				'local  Connected  queue        1/∞     8  0.50  all             11:00:00                   -',
				'gpu-1  Connected  gpu-1.lan    2/4    32  3.25  gpu             11:59:00            1.2s ago',
				'old    Lost       old.lan      0/2     2  0.00  default, build  2025-12-31 12:00   5m00s ago',
				'',
			].join('\n'),
		);
	});

	it('says so when there are no workers at all', () => {
		expect(renderWorkers([], plain, undefined, now)).toMatch(/^No workers/);
	});
});

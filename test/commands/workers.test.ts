// `spool workers` through the real binary.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
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
		expect(out).toBe(['Name   Status     Slots  Groups', 'local  Connected    0/∞  all', ''].join('\n'));
		expect(JSON.parse(await h.ok(['workers', '--json']))).toEqual([{name: 'local', status: 'Connected', slots: 0, used: 0, groups: null}]);
	});

	it('counts the slots in use', async () => {
		const id = await h.add(['--', 'sleep', '60']);
		await h.waitForTask(id, 'Running');
		expect(await h.ok(['workers'])).toMatch(/^local +Connected +1\/∞ +all$/m);
		await h.ok(['kill', String(id)]);
	});
});

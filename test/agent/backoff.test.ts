import {describe, expect, it} from 'vitest';
import {createBackoff} from '../../source/agent/backoff.js';
import {defaultWorkerName} from '../../source/agent/system-info.js';

describe('reconnect backoff', () => {
	it('doubles its bound up to the maximum, with jitter below it, and starts over after reset', () => {
		const top = createBackoff({firstMs: 100, maxMs: 1000, random: () => 1});
		expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([100, 200, 400, 800, 1000, 1000]);
		top.reset();
		expect(top.next()).toBe(100);
		const low = createBackoff({firstMs: 100, maxMs: 1000, random: () => 0});
		expect(low.next()).toBe(50);
	});
});

describe('default worker name', () => {
	it('is the host name, cut to what a worker name may hold', () => {
		expect(defaultWorkerName('build-7.example.org')).toBe('build-7');
		expect(defaultWorkerName('my host')).toBe('my-host');
		expect(defaultWorkerName('--')).toBe('worker');
		expect(defaultWorkerName('x'.repeat(100))).toHaveLength(64);
	});
});

// The worker's buffer of unacknowledged output: memory first, then spill
// files, then "exhausted" (the worker pauses the ptys); replay from any
// offset the daemon names; every byte comes back exactly once, in order.
import {existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {OutputBudget, TaskOutput} from '../../source/agent/output-buffer.js';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

function budget(memory: number, disk: number) {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'spool-spill-'));
	dirs.push(dir);
	return {dir, budget: new OutputBudget(memory, disk, () => dir)};
}

/** Reads [from, end) back in pieces of at most `max` bytes, as the worker's pump does. */
function readAll(output: TaskOutput, from: number, max = 7): Buffer {
	const parts: Buffer[] = [];
	let offset = from;
	while (offset < output.end) {
		const part = output.read(offset, max);
		expect(part.length).toBeGreaterThan(0);
		parts.push(part);
		offset += part.length;
	}

	return Buffer.concat(parts);
}

const bytes = (count: number, seed = 0) => Buffer.from(Array.from({length: count}, (_value, index) => (index * 7 + seed) % 251));

describe('TaskOutput', () => {
	it('keeps bytes in memory and replays them from any offset', () => {
		const {budget: b} = budget(1024, 0);
		const output = new TaskOutput(b, 't');
		const data = bytes(100);
		for (let start = 0; start < 100; start += 13) output.append(data.subarray(start, start + 13));
		expect(output.end).toBe(100);
		expect(b.memoryUsed).toBe(100);
		expect(readAll(output, 0)).toEqual(data);
		expect(readAll(output, 41, 1000)).toEqual(data.subarray(41));
	});

	it('forgets acknowledged bytes, also inside a chunk, and frees their memory', () => {
		const {budget: b} = budget(1024, 0);
		const output = new TaskOutput(b, 't');
		const data = bytes(60);
		output.append(data.subarray(0, 30));
		output.append(data.subarray(30));
		output.ack(45);
		expect(output.start).toBe(45);
		expect(b.memoryUsed).toBe(15);
		expect(readAll(output, 45)).toEqual(data.subarray(45));
		expect(() => output.read(10, 5)).toThrow(RangeError);
		output.ack(20); // an older ack changes nothing
		expect(output.start).toBe(45);
		output.ack(1000); // never past the end
		expect(output.start).toBe(60);
		expect(b.memoryUsed).toBe(0);
	});

	it('spills to disk past the memory limit, returns to memory when room frees up, and deletes acknowledged files', () => {
		const {dir, budget: b} = budget(100, 10_000);
		const output = new TaskOutput(b, '3-1');
		const data = bytes(400, 3);
		for (let start = 0; start < 400; start += 40) output.append(data.subarray(start, start + 40));
		expect(b.memoryUsed).toBe(80);
		expect(b.diskUsed).toBe(320);
		expect(readdirSync(dir)).toHaveLength(1);
		expect(readAll(output, 0, 64)).toEqual(data);
		// Acknowledging the memory part frees it; new output goes to memory again.
		output.ack(80);
		expect(b.memoryUsed).toBe(0);
		output.append(bytes(50, 9));
		expect(b.memoryUsed).toBe(50);
		expect(readAll(output, 80, 1000)).toEqual(Buffer.concat([data.subarray(80), bytes(50, 9)]));
		// The file goes once everything in it is acknowledged.
		output.ack(400);
		expect(b.diskUsed).toBe(0);
		expect(readdirSync(dir)).toHaveLength(0);
		expect(readAll(output, 400)).toEqual(bytes(50, 9));
	});

	it('is exhausted when memory and disk are full, and relieved once acknowledgements free a quarter', () => {
		const {budget: b} = budget(100, 100);
		const output = new TaskOutput(b, 't');
		output.append(bytes(60));
		output.append(bytes(60));
		expect(b.exhausted).toBe(false); // 60 in memory, 60 on disk
		output.append(bytes(60));
		output.append(bytes(60));
		// Nothing is dropped: past both limits the bytes stay in memory and the budget says stop.
		expect(output.end).toBe(240);
		expect(b.exhausted).toBe(true);
		expect(b.relieved).toBe(false);
		output.ack(60);
		expect(b.relieved).toBe(false);
		output.ack(180);
		expect(b.relieved).toBe(true);
		expect(readAll(output, 180)).toEqual(bytes(60));
	});

	it('without a disk allowance, is exhausted as soon as memory is full', () => {
		const {dir, budget: b} = budget(100, 0);
		const output = new TaskOutput(b, 't');
		output.append(bytes(100));
		expect(b.exhausted).toBe(true);
		expect(readdirSync(dir)).toHaveLength(0);
	});

	it('shares one budget between tasks, and dispose frees everything', () => {
		const {dir, budget: b} = budget(100, 1000);
		const first = new TaskOutput(b, 'a');
		const second = new TaskOutput(b, 'b');
		first.append(bytes(80));
		second.append(bytes(80)); // does not fit in memory any more: disk
		expect(b.memoryUsed).toBe(80);
		expect(b.diskUsed).toBe(80);
		second.dispose();
		first.dispose();
		expect(b.memoryUsed).toBe(0);
		expect(b.diskUsed).toBe(0);
		expect(readdirSync(dir)).toHaveLength(0);
	});

	it('keeps the bytes in memory when the spill directory cannot be written', () => {
		const {dir, budget: b} = budget(10, 1000);
		rmSync(dir, {recursive: true});
		const output = new TaskOutput(b, 't');
		output.append(bytes(30));
		expect(b.diskFailed).toBeDefined();
		expect(existsSync(dir)).toBe(false);
		expect(readAll(output, 0)).toEqual(bytes(30));
		expect(b.exhausted).toBe(true);
	});

	it('replays a long stream byte-exact through random appends and acks (memory, files and back)', () => {
		const {budget: b} = budget(4096, 1 << 20);
		const output = new TaskOutput(b, 'fuzz');
		const all: Buffer[] = [];
		let seed = 1;
		const random = (limit: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
			return seed % limit;
		};

		let acked = 0;
		for (let step = 0; step < 2000; step++) {
			const chunk = bytes(1 + random(700), step);
			output.append(chunk);
			all.push(chunk);
			if (random(4) === 0) {
				acked = Math.min(output.end, acked + random(3000));
				output.ack(acked);
			}
		}

		expect(readAll(output, acked, 4096)).toEqual(Buffer.concat(all).subarray(acked));
	});
});

// Bad requests get an Error with a stable code and change nothing.
import {afterEach, describe, expect, it} from 'vitest';
import {requestSchemas} from '../../source/protocol/requests.js';
import {addTask, expectError, status, waitFor} from '../helpers/queue-client.js';
import {startTestDaemon, type TestDaemon} from '../helpers/test-daemon.js';

let current: TestDaemon | undefined;
afterEach(async () => {
	await current?.stop();
	current = undefined;
});

/** One malformed example per request type (every type has fields that can be wrong). */
const malformed: Record<string, Record<string, unknown>> = {
	Ping: {},
	Cancel: {target: 'x'},
	Add: {command: 42, cwd: '/tmp', env: {}},
	AddMany: {tasks: []},
	Remove: {ids: 'all'},
	Switch: {a: 1},
	Stash: {ids: [-1]},
	Enqueue: {at: 'tomorrow'},
	Start: {group: 7},
	Pause: {wait: 'yes'},
	Kill: {all: true, signal: 'nuke it'},
	Send: {task: 1},
	Restart: {ids: [1.5]},
	Lock: {ids: []},
	Unlock: {ids: ['1']},
	Edit: {task: 1, cwd: 'relative/path'},
	EnvSet: {task: 1, key: 'A=B', value: 'x'},
	EnvUnset: {task: 1},
	EnvGet: {task: -1},
	GroupList: {},
	GroupAdd: {name: ['x']},
	GroupRemove: {},
	Parallel: {parallel: 'many'},
	Status: {status: ['Sleeping']},
	Log: {task: 'one'},
	Follow: {ids: []},
	Subscribe: {},
	Wait: {status: 'forever'},
	Clean: {successfulOnly: 1},
	Reset: {group: 3},
	Shutdown: {},
	Workers: {},
};

describe('bad input', () => {
	it('answers a malformed request of every type with bad_request, and changes nothing', async () => {
		current = await startTestDaemon();
		const client = await current.client();
		const blocker = await addTask(client, 'sleep 30');
		await addTask(client, 'true');
		await waitFor(client, [blocker.id], 'running');
		const before = await status(client);
		for (const type of Object.keys(requestSchemas)) {
			const fields = malformed[type];
			expect(fields, `a malformed example for ${type}`).toBeDefined();
			if (Object.keys(fields!).length === 0) continue; // no field to get wrong
			const message = await expectError(client.requestUnchecked({type, ...fields}), 'bad_request');
			expect(message, type).toMatch(new RegExp(`^${type}: `));
		}

		const after = await status(client);
		expect(after.tasks).toEqual(before.tasks);
		expect(after.head.groups).toEqual(before.head.groups);
		expect((await client.request({type: 'Ping'})).type).toBe('Pong');
	});

	it('refuses unknown ids, unknown groups, parallel < 0 and invalid transitions, changing nothing', async () => {
		current = await startTestDaemon();
		const client = await current.client();
		const running = await addTask(client, 'sleep 30');
		const queued = await addTask(client, 'true');
		await waitFor(client, [running.id], 'running');
		const before = await status(client);

		const refusals: Array<[Record<string, unknown>, string]> = [
			[{type: 'Remove', ids: [999]}, 'not_found'],
			[{type: 'Remove', ids: [queued.id, 999]}, 'not_found'],
			[{type: 'Remove', ids: [running.id]}, 'invalid_state'],
			[{type: 'Edit', task: running.id, command: 'x'}, 'invalid_state'],
			[{type: 'Edit', task: 999, command: 'x'}, 'not_found'],
			[{type: 'Kill', ids: [queued.id]}, 'invalid_state'],
			[{type: 'Kill', ids: [999]}, 'not_found'],
			[{type: 'Send', task: queued.id, data: 'x'}, 'invalid_state'],
			[{type: 'Switch', a: running.id, b: queued.id}, 'invalid_state'],
			[{type: 'Switch', a: queued.id, b: 999}, 'not_found'],
			[{type: 'Restart', ids: [running.id]}, 'invalid_state'],
			[{type: 'Stash', ids: [running.id]}, 'invalid_state'],
			[{type: 'Enqueue', ids: [queued.id]}, 'invalid_state'],
			[{type: 'Pause', ids: [queued.id]}, 'invalid_state'],
			[{type: 'Start', ids: [running.id]}, 'invalid_state'],
			[{type: 'Add', command: 'true', cwd: '/tmp', env: {}, group: 'nope'}, 'not_found'],
			[{type: 'Add', command: 'true', cwd: '/tmp', env: {}, after: [999]}, 'not_found'],
			[
				{
					type: 'AddMany',
					tasks: [
						{command: 'true', cwd: '/tmp', env: {}},
						{command: 'true', cwd: '/tmp', env: {}, group: 'nope'},
					],
				},
				'not_found',
			],
			[{type: 'Parallel', parallel: -1}, 'bad_request'],
			[{type: 'Parallel', group: 'nope', parallel: 2}, 'not_found'],
			[{type: 'GroupAdd', name: 'bad name'}, 'bad_request'],
			[{type: 'GroupRemove', name: 'default'}, 'invalid_state'],
			[{type: 'Status', group: 'nope'}, 'not_found'],
			[{type: 'Log', task: 999}, 'not_found'],
			[{type: 'Follow', ids: [999]}, 'not_found'],
			[{type: 'Wait', ids: [999]}, 'not_found'],
			[{type: 'Clean', group: 'nope'}, 'not_found'],
			[{type: 'Reset', group: 'nope'}, 'not_found'],
			[{type: 'Kill', signal: 'SIGNOPE', all: true}, 'bad_request'],
			[{type: 'Frobnicate'}, 'unknown_type'],
		];
		for (const [request, code] of refusals) {
			const message = await expectError(client.requestUnchecked(request as {type: string}), code);
			expect(message.length, JSON.stringify(request)).toBeGreaterThan(10);
		}

		const after = await status(client);
		expect(after.tasks).toEqual(before.tasks);
		expect(after.head.groups).toEqual(before.head.groups);
		// The next id was not consumed by the refused adds.
		expect((await addTask(client, 'true')).id).toBe(queued.id + 1);
	});
});

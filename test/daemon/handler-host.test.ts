// Handlers see the daemon only through HandlerHost, so they run against a
// fake host: no sockets, no store, no daemon process.
import {describe, expect, it} from 'vitest';
import type {Connection} from '../../source/protocol/connection.js';
import type {WorkerEntry} from '../../source/protocol/model.js';
import type {HandlerHost} from '../../source/daemon/handler.js';
import {handlers} from '../../source/daemon/handlers/index.js';
import {RequestContext} from '../../source/daemon/request-context.js';

function fakeHost(overrides: Partial<HandlerHost> = {}): HandlerHost & {lines: string[]; stopped: number} {
	const host = {
		lines: [] as string[],
		stopped: 0,
		version: '9.9.9',
		startedAt: 1,
		log(line: string) {
			host.lines.push(line);
		},
		workerList: (): WorkerEntry[] => [],
		onWorkersChanged: () => () => {},
		onProblemChanged: () => () => {},
		async stop() {
			host.stopped++;
		},
		...overrides,
	};
	return host as unknown as HandlerHost & {lines: string[]; stopped: number};
}

function fakeContext(): {context: RequestContext; sent: unknown[]} {
	const sent: unknown[] = [];
	const connection = {send: (message: unknown) => sent.push(message) > 0} as unknown as Connection;
	return {context: new RequestContext(connection, 7, new Map()), sent};
}

describe('handlers against a fake host', () => {
	it('Ping answers with the host version', async () => {
		const {context, sent} = fakeContext();
		await handlers.Ping.run(fakeHost(), {type: 'Ping'}, context);
		expect(sent).toEqual([{type: 'Pong', version: '9.9.9', re: 7}]);
	});

	it('Shutdown replies first, then logs and stops the host', async () => {
		const host = fakeHost();
		const {context, sent} = fakeContext();
		await handlers.Shutdown.run(host, {type: 'Shutdown'}, context);
		expect(sent).toEqual([{type: 'Ok', re: 7}]);
		expect(host.lines).toEqual(['shutdown requested by a client']);
		expect(host.stopped).toBe(1);
	});

	it('Workers lists what the host knows', async () => {
		const local: WorkerEntry = {
			name: 'local',
			slots: 2,
			used: 1,
			groups: null,
			status: 'Connected',
			host: null,
			platform: null,
			cpus: null,
			load: null,
			version: null,
			connectedAt: null,
			lastHeard: null,
		};
		const {context, sent} = fakeContext();
		await handlers.Workers.run(fakeHost({workerList: () => [local]}), {type: 'Workers'}, context);
		expect(sent).toEqual([{type: 'Workers', workers: [local], re: 7}]);
	});
});

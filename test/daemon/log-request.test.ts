// The Log request's line count (countLines -> LogInfo.totalLines), which
// `spool log -n` prints as "(last N lines of M)", against a real daemon.
import {describe, expect, it} from 'vitest';
import type {Client, Message} from '../../source/client/client.js';
import {addTask, waitFor} from '../helpers/queue-client.js';
import {daemonPerTest} from '../helpers/daemon-per-test.js';

const daemons = daemonPerTest();

async function logInfo(client: Client, request: {task: number; lines?: number; to?: number; countLines?: boolean}): Promise<{info: Message; bytes: number}> {
	let info: Message | undefined;
	let bytes = 0;
	await client.stream({type: 'Log', ...request}, (message) => {
		if (message.type === 'LogInfo') info = message;
		if (message.type === 'LogChunk') bytes += (message.data as Uint8Array).length;
	}).done;
	return {info: info!, bytes};
}

describe('Log countLines', () => {
	it('counts the lines up to `to` only when asked, a last line without \\n included', async () => {
		const {client} = await daemons.start();
		const partial = await addTask(client, "printf 'a\\nb\\nc'");
		const empty = await addTask(client, 'true');
		const big = await addTask(client, 'seq 1 100000');
		await waitFor(client, [partial.id, empty.id, big.id]);

		expect((await logInfo(client, {task: partial.id, lines: 1})).info).not.toHaveProperty('totalLines');
		expect((await logInfo(client, {task: partial.id, lines: 1, countLines: true})).info).toMatchObject({totalLines: 3, from: 4, to: 5});
		expect((await logInfo(client, {task: partial.id, countLines: true})).info).toMatchObject({totalLines: 3, from: 0});
		expect((await logInfo(client, {task: partial.id, countLines: true, to: 4})).info).toMatchObject({totalLines: 2});
		expect((await logInfo(client, {task: empty.id, countLines: true})).info).toMatchObject({totalLines: 0, size: 0});

		// More than one 256 KiB chunk: the count spans them.
		const counted = await logInfo(client, {task: big.id, lines: 2, countLines: true});
		expect(counted.info).toMatchObject({totalLines: 100_000});
		expect(counted.bytes).toBe('99999\n100000\n'.length);
	});
});

// A real daemon over its Unix socket refuses CBOR the protocol forbids
// (docs/protocol.md, Encoding) before doing any work on it: tags, whether
// before auth (a bignum) or after (shared references that multiply an
// AddMany), end that connection with bad_frame and change nothing.
import {resolvePaths} from '../../source/config.js';
import {preAuthFrameLimit} from '../../source/protocol/frame.js';
import {describe, expect, it} from 'vitest';
import {daemonPerTest} from '../helpers/daemon-per-test.js';
import {status, taskEnv} from '../helpers/queue-client.js';
import {RawPeer} from '../helpers/raw-peer.js';
import {array, bytes, frameOf, map, tag, text, uint} from './cbor-bytes.js';

const daemons = daemonPerTest();

describe('a daemon sent forbidden CBOR', () => {
	it('answers an unauthenticated 64 KiB tag-2 bignum frame with bad_frame and a close, and keeps answering Ping to another client', async () => {
		const {t, client} = await daemons.start();
		const attacker = await RawPeer.connect(resolvePaths(t.home).socket);
		const bignum = tag(2, bytes(Buffer.alloc(preAuthFrameLimit - 8, 0xff)));
		attacker.write(frameOf(bignum));
		const error = await attacker.next();
		expect(error).toMatchObject({type: 'Error', code: 'bad_frame'});
		expect(error.message).toMatch(/CBOR tag 2 at byte 0 is not allowed by the spool protocol/);
		await attacker.waitClosed();
		expect(await client.request({type: 'Ping'})).toMatchObject({type: 'Pong'});
	});

	it('answers an authenticated AddMany holding tags 28/29 with bad_frame, and adds no task', async () => {
		const {t, client} = await daemons.start();
		const peer = await RawPeer.connect(resolvePaths(t.home).socket);
		expect(await peer.handshake(t.secret)).toMatchObject({accepted: true});
		// tasks: [28({…}), 29(0), 29(0), …]: one task map, shared a thousand times.
		const shared = map([
			['command', text('true')],
			['cwd', text('/tmp')],
			['env', map(Object.entries(taskEnv()).map(([key, value]) => [key, text(value)]))],
			['stashed', Buffer.of(0xf5)],
		]);
		const tasks = array([tag(28, shared), ...Array.from({length: 999}, () => tag(29, uint(0)))]);
		peer.write(
			frameOf(
				map([
					['type', text('AddMany')],
					['id', uint(1)],
					['tasks', tasks],
				]),
			),
		);
		const reply = await peer.next();
		expect(reply).toMatchObject({type: 'Error', code: 'bad_frame'});
		expect(reply.message).toMatch(/CBOR tag 28 at byte \d+ is not allowed/);
		await peer.waitClosed();

		const {tasks: after} = await status(client);
		expect(after).toEqual([]);
		expect(await client.request({type: 'Ping'})).toMatchObject({type: 'Pong'});
	});

	it('sends the createdAt of a task it added as a CBOR integer (major type 0)', async () => {
		const {t} = await daemons.start();
		const peer = await RawPeer.connect(resolvePaths(t.home).socket);
		await peer.handshake(t.secret);
		const raw: Buffer[] = [];
		peer.socket.on('data', (chunk: Buffer) => raw.push(chunk));
		peer.send({type: 'Add', id: 2, command: 'true', cwd: '/tmp', env: taskEnv(), stashed: true});
		const added = await peer.next();
		expect(added).toMatchObject({type: 'Added', re: 2});
		const wire = Buffer.concat(raw);
		const key = text('createdAt');
		const at = wire.indexOf(key);
		expect(at).toBeGreaterThan(0);
		expect(wire[at + key.length]).toBe(0x1b);
		expect(Number(wire.readBigUInt64BE(at + key.length + 1))).toBe((added.task as {createdAt: number}).createdAt);
		peer.destroy();
	});
});

// TLS transport: pinning by fingerprint or certificate file, and refusal of
// anything else.
import {afterEach, describe, expect, it} from 'vitest';
import {connect} from '../../source/client/client.js';
import {resolvePaths} from '../../source/config.js';
import {readPinnedCertificate, ensureTlsMaterial} from '../../source/protocol/tls-material.js';
import {connectTls} from '../../source/protocol/transport.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {startTestDaemon, type TestDaemon} from '../helpers/test-daemon.js';

let current: TestDaemon | undefined;
afterEach(async () => {
	await current?.stop();
	current = undefined;
});

describe('TLS transport', () => {
	it('completes the handshake over TLS 1.3 with a pinned fingerprint', async () => {
		current = await startTestDaemon({}, {listen: '127.0.0.1:0'});
		const client = await current.tlsClient();
		expect(await client.request({type: 'Ping'})).toMatchObject({type: 'Pong'});
		const socket = client.connection.socket as import('node:tls').TLSSocket;
		expect(socket.getProtocol()).toBe('TLSv1.3');
	});

	it('pins the certificate file: its fingerprint is the daemon’s', async () => {
		current = await startTestDaemon({}, {listen: '127.0.0.1:0'});
		const paths = resolvePaths(current.home);
		expect(readPinnedCertificate(paths.cert)).toBe(current.daemon.tlsAddress!.fingerprint);
	});

	it('refuses a daemon whose certificate is not the pinned one, before sending anything', async () => {
		current = await startTestDaemon({}, {listen: '127.0.0.1:0'});
		const other = makeTempHome();
		try {
			const otherMaterial = await ensureTlsMaterial(`${other.home}/cert.pem`, `${other.home}/key.pem`);
			const {host, port} = current.daemon.tlsAddress!;
			await expect(connectTls({host, port, fingerprint: otherMaterial.fingerprint})).rejects.toThrow(/not the pinned/);
			await expect(connect({endpoint: {kind: 'tls', host, port, fingerprint: otherMaterial.fingerprint}, secret: current.secret})).rejects.toThrow(/refusing to talk to it/);
		} finally {
			other.cleanup();
		}
	});

	it('keeps the key private (0600) and reuses the certificate across restarts', async () => {
		const {statSync} = await import('node:fs');
		current = await startTestDaemon({}, {listen: '127.0.0.1:0'});
		const paths = resolvePaths(current.home);
		expect(statSync(paths.key).mode & 0o777).toBe(0o600);
		const again = await ensureTlsMaterial(paths.cert, paths.key);
		expect(again.fingerprint).toBe(current.daemon.tlsAddress!.fingerprint);
	});
});

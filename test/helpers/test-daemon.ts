// An in-process daemon on a temp home with real sockets, for protocol and
// daemon tests. End-to-end tests spawn bin/spool.js instead.
import {type Config, defaultConfig, resolvePaths} from '../../source/config.js';
import {Daemon} from '../../source/daemon/daemon.js';
import {connect, type Client} from '../../source/client/client.js';
import {readSecretFile} from '../../source/protocol/secret.js';
import {makeTempHome} from './temp-home.js';

export type DaemonOverrides = Partial<Config['daemon']>;

export type TestDaemon = {
	daemon: Daemon;
	home: string;
	secret: Buffer;
	client: () => Promise<Client>;
	tlsClient: () => Promise<Client>;
	stop: () => Promise<void>;
};

export async function startTestDaemon(overrides: DaemonOverrides = {}, {listen}: {listen?: string} = {}): Promise<TestDaemon> {
	const {home, cleanup} = makeTempHome();
	const config = defaultConfig();
	config.daemon = {...config.daemon, ...overrides};
	const paths = resolvePaths(home);
	const daemon = new Daemon({paths, config, listen});
	await daemon.start();
	const secret = readSecretFile(paths.secret);
	const clients: Client[] = [];
	return {
		daemon,
		home,
		secret,
		async client() {
			const client = await connect({endpoint: {kind: 'unix', path: paths.socket}, secret, name: 'test'});
			clients.push(client);
			return client;
		},
		async tlsClient() {
			const address = daemon.tlsAddress;
			if (!address) throw new Error('daemon started without --listen');
			const client = await connect({
				endpoint: {kind: 'tls', host: address.host, port: address.port, fingerprint: address.fingerprint},
				secret,
				name: 'test-tls',
			});
			clients.push(client);
			return client;
		},
		async stop() {
			for (const client of clients) client.close();
			await daemon.stop();
			cleanup();
		},
	};
}

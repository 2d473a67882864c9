// A TCP proxy between a worker and its daemon, so a test can cut the
// connection (both sockets destroyed, as a network failure would) and keep
// new connections out for a while. It passes TLS through untouched.
import net from 'node:net';

export type TcpProxy = {
	port: number;
	address: string;
	/** Connections made through it so far. */
	accepted: () => number;
	/** Destroys every open connection. */
	cut: () => void;
	/** From now on, new connections are dropped at once. */
	block: () => void;
	unblock: () => void;
	close: () => Promise<void>;
};

export async function startProxy(target: {host: string; port: number}): Promise<TcpProxy> {
	const open = new Set<net.Socket>();
	let blocked = false;
	let accepted = 0;
	const server = net.createServer((incoming) => {
		incoming.on('error', () => {});
		if (blocked) {
			incoming.destroy();
			return;
		}

		accepted += 1;
		const outgoing = net.createConnection(target.port, target.host);
		outgoing.on('error', () => {});
		open.add(incoming);
		open.add(outgoing);
		const drop = () => {
			incoming.destroy();
			outgoing.destroy();
			open.delete(incoming);
			open.delete(outgoing);
		};

		incoming.on('close', drop);
		outgoing.on('close', drop);
		incoming.pipe(outgoing);
		outgoing.pipe(incoming);
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	const cut = () => {
		for (const socket of [...open]) socket.destroy();
		open.clear();
	};

	return {
		port,
		address: `127.0.0.1:${port}`,
		accepted: () => accepted,
		cut,
		block() {
			blocked = true;
		},
		unblock() {
			blocked = false;
		},
		async close() {
			cut();
			await new Promise<void>((resolve) => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

// `spool daemon`: runs the daemon in the foreground until SIGTERM/SIGINT or a
// `shutdown` request.
import {AlreadyRunningError} from '../daemon/pid-file.js';
import {Daemon} from '../daemon/daemon.js';
import {SecretError} from '../protocol/secret.js';
import {TlsError} from '../protocol/tls-material.js';
import {TransportError} from '../protocol/transport.js';
import {CommandError, exitCodes} from './exit-codes.js';
import {parseCommand} from './parse.js';

const help = `
  Usage
    spool daemon [--listen HOST:PORT] [--home DIR]

  Runs the daemon in the foreground. It listens on the home's Unix socket and,
  with --listen (or daemon.listen in the config file), on TLS over TCP too.

  Options
    --listen HOST:PORT     Also accept TLS connections (clients and workers) there; port 0 picks a free one
    --quiet                Do not copy the daemon's log to stderr
`;

export async function run(argv: string[]): Promise<number> {
	const {flags, paths, config} = parseCommand(argv, help, {
		listen: {type: 'string'},
		quiet: {type: 'boolean', default: false},
	});

	const daemon = new Daemon({paths, config, listen: flags.listen, logToStderr: !flags.quiet});
	try {
		await daemon.start();
	} catch (error) {
		if (
			error instanceof AlreadyRunningError ||
			error instanceof SecretError ||
			error instanceof TlsError ||
			error instanceof TransportError
		) {
			throw new CommandError(error.message, exitCodes.failed);
		}

		throw new CommandError(`the daemon could not start: ${(error as Error).message}`, exitCodes.failed);
	}

	if (daemon.tlsAddress) {
		// Machine-readable line for scripts and tests that start a daemon on port 0.
		process.stdout.write(
			`listening tls ${daemon.tlsAddress.host}:${daemon.tlsAddress.port} fingerprint ${daemon.tlsAddress.fingerprint}\n`,
		);
	}

	process.stdout.write(`listening unix ${paths.socket}\n`);

	await new Promise<void>((resolve) => {
		const stop = (signal: NodeJS.Signals) => {
			daemon.log(`received ${signal}`);
			void daemon.stop().then(resolve);
		};

		process.once('SIGTERM', stop);
		process.once('SIGINT', stop);
		daemon.onStopped(resolve);
	});
	return exitCodes.ok;
}

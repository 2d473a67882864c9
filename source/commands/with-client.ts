// Connects a command to its daemon (starting one if none answers and
// autostart is on) and turns every failure on the way into a one-line
// message with the right exit code.
import {AutostartError, startDaemonInBackground} from '../client/autostart.js';
import {type Client, DaemonError, type Endpoint, connect, describeEndpoint} from '../client/client.js';
import {EndpointError, resolveEndpoint} from '../client/endpoint.js';
import type {Config, Paths} from '../config.js';
import {HandshakeError} from '../protocol/handshake.js';
import {HomeError, socketPathProblem} from '../shared/home-dirs.js';
import {SecretError, readSecretFile} from '../protocol/secret.js';
import {TlsError} from '../protocol/tls-material.js';
import {TransportError} from '../protocol/transport.js';
import {CommandError, commandErrorOf, exitCodes, usageError} from './exit-codes.js';

export type ClientOptions = {
	paths: Paths;
	config: Config;
	flags: {
		autostart?: boolean | undefined;
		connect?: string | undefined;
		cert?: string | undefined;
		fingerprint?: string | undefined;
		secretFile?: string | undefined;
	};
};

const notRunning = new Set(['ENOENT', 'ECONNREFUSED']);

function unreachable(endpoint: Endpoint, autostartOff: boolean): CommandError {
	const hint =
		endpoint.kind === 'unix'
			? autostartOff
				? 'start one with `spool daemon --detach` (autostart is off)'
				: 'start one with `spool daemon --detach`'
			: 'check the address and that the daemon listens there (`spool daemon --listen HOST:PORT`)';
	return new CommandError(`no daemon answers at ${describeEndpoint(endpoint)}: ${hint}`, exitCodes.unreachable);
}

export async function openClient(options: ClientOptions): Promise<Client> {
	const {paths, config, flags} = options;
	let resolved;
	try {
		resolved = resolveEndpoint(paths, config, flags);
	} catch (error) {
		if (error instanceof EndpointError || error instanceof TlsError || error instanceof TransportError) throw usageError(error.message);
		throw error;
	}

	const {endpoint, secretFile} = resolved;
	if (endpoint.kind === 'unix') {
		// Else "no daemon answers" (or an autostart that cannot work) would hide the real fault.
		const tooLong = socketPathProblem(endpoint.path, paths.home);
		if (tooLong) throw usageError(tooLong);
	}

	const autostart = endpoint.kind === 'unix' && flags.autostart !== false && config.client.autostart;
	const attempt = async () => connect({endpoint, secret: readSecretFile(secretFile)});
	try {
		try {
			return await attempt();
		} catch (error) {
			const missing =
				(error instanceof TransportError && notRunning.has(error.code)) ||
				// A fresh home has no secret until its first daemon made one.
				(endpoint.kind === 'unix' && error instanceof SecretError && !flags.secretFile && error.message.includes('does not exist'));
			if (!missing) throw error;
			if (!autostart) throw unreachable(endpoint, true);
			const pid = await startDaemonInBackground(paths);
			process.stderr.write(`spool: no daemon was running; started one (pid ${pid})${paths.home ? ` for ${paths.home}` : ''}\n`);
			return await attempt();
		}
	} catch (error) {
		const known = commandErrorOf(error);
		if (known) throw known;
		if (error instanceof TransportError) throw unreachable(endpoint, !autostart);
		// The home is wrong (or the daemon said so, exiting 2): the user's to fix, as with `spool daemon`.
		if (error instanceof HomeError) throw usageError(error.message);
		if (error instanceof AutostartError) {
			throw new CommandError(`could not start a daemon: ${error.message}`, error.daemonExit === exitCodes.usage ? exitCodes.usage : exitCodes.unreachable);
		}

		if (error instanceof SecretError || error instanceof TlsError || error instanceof HandshakeError) {
			throw new CommandError(error.message, exitCodes.unreachable);
		}

		throw error;
	}
}

/** Runs `body` with a connected client; daemon errors become exit 1 with their code and message. */
export async function withClient(options: ClientOptions, body: (client: Client) => Promise<number>): Promise<number> {
	const client = await openClient(options);
	try {
		return await body(client);
	} catch (error) {
		// A directory that is not there is the user's argument at fault, as a bad flag is.
		if (error instanceof DaemonError) throw new CommandError(`${error.message} [${error.code}]`, error.code === 'bad_cwd' ? exitCodes.usage : exitCodes.failed);
		throw error;
	} finally {
		client.close();
	}
}

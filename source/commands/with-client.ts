// Connects a command to its daemon and turns every failure on the way into a
// one-line message with the right exit code.
import {Client, DaemonError, connect, describeEndpoint} from '../client/client.js';
import {EndpointError, resolveEndpoint} from '../client/endpoint.js';
import {HandshakeError} from '../protocol/handshake.js';
import {SecretError, readSecretFile} from '../protocol/secret.js';
import {TlsError} from '../protocol/tls-material.js';
import {TransportError} from '../protocol/transport.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import type {Parsed} from './parse.js';

export async function openClient(parsed: Parsed<{}>): Promise<Client> {
	let resolved;
	try {
		resolved = resolveEndpoint(parsed.paths, parsed.config, parsed.flags);
	} catch (error) {
		if (error instanceof EndpointError || error instanceof TlsError || error instanceof TransportError) {
			throw usageError(error.message);
		}

		throw error;
	}

	const {endpoint, secretFile} = resolved;
	try {
		const secret = readSecretFile(secretFile);
		return await connect({endpoint, secret});
	} catch (error) {
		if (error instanceof TransportError) {
			const hint =
				endpoint.kind === 'unix'
					? 'is the daemon running? start it with `spool daemon`'
					: 'check the address and that the daemon listens there (spool daemon --listen)';
			throw new CommandError(`no daemon answers at ${describeEndpoint(endpoint)}: ${hint}`, exitCodes.unreachable);
		}

		if (error instanceof SecretError || error instanceof TlsError || error instanceof HandshakeError) {
			throw new CommandError(error.message, exitCodes.unreachable);
		}

		throw error;
	}
}

export async function withClient(parsed: Parsed<{}>, body: (client: Client) => Promise<number>): Promise<number> {
	const client = await openClient(parsed);
	try {
		return await body(client);
	} catch (error) {
		if (error instanceof DaemonError) throw new CommandError(`${error.message} [${error.code}]`, exitCodes.failed);
		throw error;
	} finally {
		client.close();
	}
}

// Which daemon a client talks to and with what secret: the local socket of
// the home by default, or a TLS address with a pinned certificate.
import type {Config, Paths} from '../config.js';
import {normalizeFingerprint, readPinnedCertificate} from '../protocol/tls-material.js';
import {parseHostPort} from '../protocol/transport.js';
import type {Endpoint} from './client.js';

export type EndpointFlags = {
	connect?: string | undefined;
	cert?: string | undefined;
	fingerprint?: string | undefined;
	secretFile?: string | undefined;
};

export class EndpointError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EndpointError';
	}
}

export function resolveEndpoint(paths: Paths, config: Config, flags: EndpointFlags): {endpoint: Endpoint; secretFile: string} {
	const secretFile = flags.secretFile ?? paths.secret;
	const address = flags.connect ?? config.client.connect;
	if (!address) return {endpoint: {kind: 'unix', path: paths.socket}, secretFile};

	const {host, port} = parseHostPort(address);
	// A pin given on the command line wins over the config file's.
	const fingerprint =
		flags.fingerprint ?? (flags.cert ? readPinnedCertificate(flags.cert) : undefined) ?? config.client.fingerprint ?? (config.client.cert ? readPinnedCertificate(config.client.cert) : undefined);
	if (!fingerprint) {
		throw new EndpointError(`--connect ${address} needs the daemon's certificate: pass --cert FILE (a copy of its tls/cert.pem) or --fingerprint SHA256 (shown by \`spool daemon\` at start)`);
	}

	// Checked here, so a malformed pin is a usage error rather than a failed connection.
	return {endpoint: {kind: 'tls', host, port, fingerprint: normalizeFingerprint(fingerprint)}, secretFile};
}

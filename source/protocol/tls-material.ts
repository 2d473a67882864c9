// TLS identity of the daemon (a self-signed certificate made on first start)
// and the pin a peer checks it against. Peers trust exactly one certificate:
// a copy of its file, or its SHA-256 fingerprint; no CA, no hostname.
import {X509Certificate} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type TlsMaterial = {cert: string; key: string; fingerprint: string};

export class TlsError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TlsError';
	}
}

/** "AB:CD:…" upper-case hex with colons, as node's X509Certificate prints it. */
export function certificateFingerprint(pem: string): string {
	return new X509Certificate(pem).fingerprint256;
}

/** Accepts a fingerprint with or without colons, any case, optional "sha256:" prefix. */
export function normalizeFingerprint(input: string): string {
	const hex = input
		.trim()
		.replace(/^sha256:/i, '')
		.replaceAll(':', '')
		.toUpperCase();
	if (!/^[0-9A-F]{64}$/.test(hex)) {
		throw new TlsError(`invalid fingerprint ${JSON.stringify(input)}: expected 64 hex digits of a SHA-256 hash (colons allowed)`);
	}

	return hex.match(/../g)!.join(':');
}

export function readPinnedCertificate(file: string): string {
	try {
		return certificateFingerprint(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new TlsError(`cannot use ${file} as the pinned certificate: ${(error as Error).message}`);
	}
}

function readMaterial(certFile: string, keyFile: string): TlsMaterial | undefined {
	let cert: string;
	let key: string;
	try {
		cert = readFileSync(certFile, 'utf8');
		key = readFileSync(keyFile, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw new TlsError(`cannot read the TLS certificate or key: ${(error as Error).message}`);
	}

	try {
		return {cert, key, fingerprint: certificateFingerprint(cert)};
	} catch (error) {
		throw new TlsError(`the TLS certificate ${certFile} is not valid (${(error as Error).message}); remove ${certFile} and ${keyFile} to get new ones`);
	}
}

/** Loads the daemon's certificate and key, making them on first use. */
export async function ensureTlsMaterial(certFile: string, keyFile: string): Promise<TlsMaterial> {
	const existing = readMaterial(certFile, keyFile);
	if (existing) return existing;

	const {default: selfsigned} = await import('selfsigned');
	const notBeforeDate = new Date(Date.now() - 60_000);
	const notAfterDate = new Date(notBeforeDate);
	notAfterDate.setFullYear(notAfterDate.getFullYear() + 10);
	const pems = await selfsigned.generate([{name: 'commonName', value: `spool daemon on ${os.hostname()}`}], {
		keyType: 'ec',
		curve: 'P-256',
		algorithm: 'sha256',
		notBeforeDate,
		notAfterDate,
	});

	mkdirSync(path.dirname(certFile), {recursive: true, mode: 0o700});
	mkdirSync(path.dirname(keyFile), {recursive: true, mode: 0o700});
	writeFileSync(keyFile, pems.private, {mode: 0o600});
	chmodSync(keyFile, 0o600);
	writeFileSync(certFile, pems.cert, {mode: 0o644});
	return {cert: pems.cert, key: pems.private, fingerprint: certificateFingerprint(pems.cert)};
}

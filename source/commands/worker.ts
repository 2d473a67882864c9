// `spool worker`: runs tasks for a daemon on another machine (docs/workers.md).
import {workerCommand} from '../definitions/daemon-commands.js';
import path from 'node:path';
import {spoolBinPath} from '../client/autostart.js';
import {normalizeFingerprint, readPinnedCertificate, TlsError} from '../protocol/tls-material.js';
import {parseHostPort, TransportError} from '../protocol/transport.js';
import {SecretError, readSecretFile} from '../protocol/secret.js';
import {checkWorkerName} from '../protocol/worker-messages.js';
import {WorkerAgent} from '../agent/agent.js';
import {defaultWorkerName} from '../agent/system-info.js';
import {CommandError, exitCodes, usageError} from './exit-codes.js';
import {parseCommand} from './parse.js';
import {workerSystemdUnit} from './systemd-unit.js';

function log(line: string): void {
	process.stderr.write(`${new Date().toISOString()} spool worker: ${line}\n`);
}

export async function run(argv: string[]): Promise<number> {
	const {flags, paths, config, input} = parseCommand(argv, workerCommand);
	const settings = config.worker;
	const address = flags.connect ?? settings.connect;
	if (!address) throw usageError('say which daemon to work for: --connect HOST:PORT (or worker.connect in the config file)');
	let host: string;
	let port: number;
	let fingerprint: string | undefined;
	let secret: Buffer;
	const secretFile = path.resolve(flags.secretFile ?? settings.secret_file ?? paths.secret);
	try {
		({host, port} = parseHostPort(address));
		fingerprint = flags.fingerprint ?? (flags.cert ? readPinnedCertificate(flags.cert) : undefined) ?? settings.fingerprint ?? (settings.cert ? readPinnedCertificate(settings.cert) : undefined);
		if (fingerprint) fingerprint = normalizeFingerprint(fingerprint);
		secret = readSecretFile(secretFile);
	} catch (error) {
		if (error instanceof TransportError || error instanceof TlsError) throw usageError(error.message);
		if (error instanceof SecretError) throw new CommandError(error.message, exitCodes.failed);
		throw error;
	}

	if (!fingerprint) {
		throw usageError("the daemon's certificate must be pinned: pass --cert FILE (a copy of its tls/cert.pem) or --fingerprint SHA256");
	}

	const name = flags.name ?? settings.name ?? defaultWorkerName();
	const nameProblem = checkWorkerName(name);
	if (nameProblem) throw usageError(nameProblem);
	const slots = flags.slots ?? settings.slots;
	if (!Number.isInteger(slots) || slots < 1) throw usageError(`--slots must be a whole number of at least 1, not ${slots}`);
	const groups =
		flags.groups === undefined
			? settings.groups
			: flags.groups
					.split(',')
					.map((group) => group.trim())
					.filter(Boolean);
	if (groups.length === 0 || groups.some((group) => Buffer.byteLength(group) > 64)) {
		throw usageError('--groups takes a comma-separated list of group names (each at most 64 bytes)');
	}

	const onStop = (flags.onStop as 'finish' | 'kill' | undefined) ?? settings.on_stop;
	if (flags.printSystemdUnit) {
		const kind = input[0] ?? 'user';
		if (kind !== 'user' && kind !== 'system') throw usageError('--print-systemd-unit takes "user" or "system"');
		const args = [
			...(paths.home ? ['--home', paths.home] : []),
			...['--connect', address, '--fingerprint', fingerprint, '--secret-file', secretFile, '--name', name],
			...['--slots', String(slots), '--groups', groups.join(','), '--on-stop', onStop],
		];
		process.stdout.write(workerSystemdUnit(kind, spoolBinPath(), args));
		return exitCodes.ok;
	}

	const agent = new WorkerAgent({
		host,
		port,
		fingerprint,
		secret,
		name,
		slots,
		groups,
		onStop,
		bufferBytes: settings.buffer_bytes,
		spillBytes: settings.spill_bytes,
		spillDir: settings.spill_dir,
		log,
	});
	const stop = () => {
		agent.stop();
	};

	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	log(`worker ${name} (${slots} slot(s), groups ${groups.join(', ')}) connecting to ${host}:${port}`);
	try {
		return await agent.run();
	} finally {
		process.off('SIGTERM', stop);
		process.off('SIGINT', stop);
	}
}

// `spool daemon`: runs the daemon in the foreground until SIGTERM/SIGINT or a
// `shutdown` request.
import {AlreadyRunningError, HomeLockError} from './daemon/home-lock.js';
import {Daemon} from './daemon/daemon.js';
import {SecretError} from './protocol/secret.js';
import {HomeError} from './shared/home-dirs.js';
import {TlsError} from './protocol/tls-material.js';
import {TransportError} from './protocol/transport.js';
import {AutostartError, spoolBinPath, startDaemonInBackground} from './client/autostart.js';
import {CommandError, exitCodes, usageError} from './commands/exit-codes.js';
import {printJson} from './commands/json-output.js';
import {systemdUnit} from './commands/systemd-unit.js';
import {parseCommand} from './commands/parse.js';
import {daemonCommand} from './definitions/daemon-commands.js';

/** File-system errors at start, said in words with what to do. */
function describeStartError(error: NodeJS.ErrnoException, home: string | undefined): string {
	const where = error.path ?? home ?? 'its directories';
	const fix = home ? `choose a home you can write to (--home DIR) or fix the permissions of ${home}` : 'fix the permissions, or choose a home with --home DIR';
	switch (error.code) {
		case 'EACCES':
		case 'EPERM':
			return `no permission to write ${where}: ${fix}`;
		case 'EROFS':
			return `${where} is on a read-only file system: ${fix}`;
		case 'ENOSPC':
			return `the disk holding ${where} is full: free some space and start it again`;
		case 'EISDIR':
			return `${where} is a directory where spool keeps a file: remove it, or choose another --home`;
		case 'ENOTDIR':
			return `${where} is not a directory (a file stands where a directory should be): choose another --home`;
		default:
			return error.message;
	}
}

export async function run(argv: string[]): Promise<number> {
	const {flags, paths, config, input} = parseCommand(argv, daemonCommand);
	// Only --detach has something to say once: its pid. The daemon itself runs on and logs (docs/cli-json.md).
	if (flags.json && !flags.detach) throw usageError('--json goes with --detach (it prints the pid); the daemon in the foreground prints its log');
	if (flags.printSystemdUnit) {
		const kind = input[0] ?? 'user';
		if (kind !== 'user' && kind !== 'system') throw usageError('--print-systemd-unit takes "user" or "system"');
		process.stdout.write(systemdUnit(kind, spoolBinPath(), paths.home));
		return exitCodes.ok;
	}

	if (flags.detach) {
		try {
			const pid = await startDaemonInBackground(paths, {extraArgs: flags.listen ? ['--listen', flags.listen] : []});
			if (flags.json) printJson({pid, log: paths.daemonLog});
			else process.stdout.write(`spool daemon started in the background (pid ${pid}); its log: ${paths.daemonLog}\n`);
			return exitCodes.ok;
		} catch (error) {
			if (error instanceof HomeError) throw usageError(error.message);
			if (!(error instanceof AutostartError)) throw error;
			throw new CommandError(`the daemon could not start: ${error.message}`, error.daemonExit === exitCodes.usage ? exitCodes.usage : exitCodes.failed);
		}
	}

	const daemon = new Daemon({paths, config, listen: flags.listen, logToStderr: !flags.quiet});
	// The last line of defence: a fault no code path expected (a write error
	// in a callback, a rejected promise nobody awaited) is logged, and the
	// daemon goes on serving; dying would strand every running task.
	process.on('unhandledRejection', (reason) => {
		daemon.log(`unexpected error (the daemon goes on): ${(reason as Error)?.stack ?? String(reason)}`);
	});
	process.on('uncaughtException', (error) => {
		daemon.log(`unexpected exception (the daemon goes on): ${error.stack ?? String(error)}`);
	});
	try {
		await daemon.start();
	} catch (error) {
		// The home itself is wrong: the user's to fix, like a bad flag.
		if (error instanceof HomeError) throw usageError(error.message);
		if (error instanceof AlreadyRunningError || error instanceof HomeLockError || error instanceof SecretError || error instanceof TlsError || error instanceof TransportError) {
			throw new CommandError(error.message, exitCodes.failed);
		}

		throw new CommandError(`the daemon could not start: ${describeStartError(error as NodeJS.ErrnoException, paths.home)}`, exitCodes.failed);
	}

	if (daemon.tlsAddress) {
		// Machine-readable line for scripts and tests that start a daemon on port 0.
		process.stdout.write(`listening tls ${daemon.tlsAddress.host}:${daemon.tlsAddress.port} fingerprint ${daemon.tlsAddress.fingerprint}\n`);
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

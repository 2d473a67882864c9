// The keeper: a small /bin/sh that the pty child runs instead of the task's
// shell, so that the task's shell is NOT the session leader.
//
// Why: when a pty's session leader exits, the kernel sends SIGHUP to the
// foreground process group, and without job control that is every process
// the task started. With the shell as the leader, `(sleep 1; echo late) &`
// died the moment the shell exited and its output never reached the log.
// The keeper runs the shell as a child, so its exit hangs nobody up; it then
// writes the shell's status to a file, closes its own end of the pty (so EOF
// comes once the task's other processes close theirs) and waits. It goes
// away when the task is over: the runner kills it, or the pty's master
// closes (daemon gone), which hangs up the session leader.
//
// The keeper must not die of what is sent to the task's process group (a
// ^C typed into the pty, `kill -s TERM`), or its exit would hang the task up:
// it traps those signals with a handler (not an ignore: the shell it starts
// gets the default dispositions back at exec). SIGHUP it does not trap: a
// hangup (the master closed: the daemon died) signals only the session
// leader, and the leader's death is what passes the SIGHUP on to the task's
// process group. A trapped HUP would wait for the shell, which would never
// hear of it. So the task dies with the daemon, as it did without a keeper,
// and `kill -s HUP` (which escalates to SIGKILL anyway) ends it too.
//
// The cost is one fork and two execs per task (~1-2 ms); the status file is
// read when the pty reaches EOF, and polled while it does not, which only a
// background child that still holds the pty delays.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {signalName} from './process-group.js';
import type {TaskCgroup} from './task-cgroup.js';
import type {RunExit} from './types.js';

// $0 = status file, $1 = the task's shell, $2 = its command.
// What a user may send to the task's group. Not HUP: see above.
const survived = 'INT QUIT TERM USR1 USR2 ALRM';
const afterShell = 's=$?; { echo "$s" >"$0"; } 2>/dev/null && exec sleep 2147483647 </dev/null >/dev/null 2>&1; exit "$s"';

let statusDir: string | null | undefined; // undefined: not made yet; null: cannot be made
let counter = 0;

/** A private directory for this process's status files (mode 0700), removed at exit. */
function ensureStatusDir(): string | null {
	if (statusDir !== undefined) return statusDir;
	removeStaleStatusDirs();
	try {
		statusDir = fs.mkdtempSync(path.join(os.tmpdir(), `spool-status-${process.pid}-`));
		const dir = statusDir;
		process.once('exit', () => fs.rmSync(dir, {recursive: true, force: true}));
	} catch {
		// No writable temp dir: tasks still run, but late output dies with the shell.
		statusDir = null;
	}

	return statusDir;
}

/** Those of processes that died without their exit handler (kill -9): named by pid. */
function removeStaleStatusDirs(): void {
	let names: string[];
	try {
		names = fs.readdirSync(os.tmpdir());
	} catch {
		return;
	}

	for (const name of names) {
		const pid = /^spool-status-(\d+)-/.exec(name)?.[1];
		if (pid === undefined || isAlive(Number(pid))) continue;
		try {
			fs.rmSync(path.join(os.tmpdir(), name), {recursive: true, force: true});
		} catch {
			// Another user's, or going away already.
		}
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function quote(text: string): string {
	return `'${text.replaceAll("'", `'\\''`)}'`;
}

export type KeeperLaunch = {file: string; args: string[]; statusFile: string | undefined};

/**
 * What the pty child execs. The cgroup join comes first, so nothing of the
 * task is ever forked outside it; without newline translation stty switches
 * ONLCR off (node-pty's fork sets OPOST|ONLCR and offers no termios call).
 */
export function keeperLaunch(shell: string, command: string, options: {cgroup: TaskCgroup | undefined; translateNewlines: boolean}): KeeperLaunch {
	const dir = ensureStatusDir();
	const statusFile = dir === null ? undefined : path.join(dir, String(++counter));
	const steps = [`trap : ${survived}`];
	if (options.cgroup) steps.push(`{ echo 0 >${quote(path.join(options.cgroup.dir, 'cgroup.procs'))}; } 2>/dev/null`);
	if (!options.translateNewlines) steps.push('stty -onlcr 2>/dev/null');
	steps.push('"$1" -c "$2"', afterShell);
	return {file: '/bin/sh', args: ['-c', steps.join('; '), statusFile ?? '', shell, command], statusFile};
}

/** The shell's status as the keeper recorded it, or undefined while it has not. */
export function readKeeperStatus(statusFile: string | undefined): RunExit | undefined {
	if (statusFile === undefined) return undefined;
	let text: string;
	try {
		text = fs.readFileSync(statusFile, 'utf8');
	} catch {
		return undefined;
	}

	// One write of a few bytes: either all there or (just created) empty.
	if (!/^\d{1,3}\n$/.test(text)) return undefined;
	return shellStatus(Number(text.trim()));
}

export function removeKeeperStatus(statusFile: string | undefined): void {
	if (statusFile === undefined) return;
	try {
		fs.unlinkSync(statusFile);
	} catch {
		// Never written.
	}
}

/**
 * A status as a shell reports it: 128+N is how a shell says "killed by
 * signal N" (it cannot tell the keeper more), so that is what it means here.
 */
export function shellStatus(status: number): RunExit {
	if (status > 128 && status < 128 + 65) {
		const name = signalName(status - 128);
		if (!name.startsWith('SIG') || /^SIG\d+$/.test(name)) return {exitCode: status, signal: null};
		return {exitCode: null, signal: name};
	}

	return {exitCode: status, signal: null};
}

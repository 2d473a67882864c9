// Runs one task in a pty and decides when it is finished.
//
// One file because PtyTask is one state machine (exit known, output ended,
// idle, killing, settled): its timers and flags guard each other, and the
// pieces that stand alone already live beside it (keeper.ts, task-tree.ts,
// task-cgroup.ts, pty-writer.ts, spawn-check.ts).
//
// A task is finished only when BOTH its exit status is known AND the pty was
// read to its end (Linux reports EIO once every slave fd is closed and the
// buffer is drained). The exit status alone is not enough: it often arrives
// before the last bytes, which is how node-pty's own wrapper loses tails.
//
// libuv cannot be trusted with that end: when poll reports POLLHUP (the slave
// side closed) after a short read, it reports EOF without reading again, but a
// pty hands out at most 4095 bytes per read, so kilobytes may still be queued
// in the kernel. On that early 'end' we drain the fd ourselves with readSync
// until the kernel's EIO, which it only returns once everything was read.
//
// The caveat: a background grandchild (`sleep 30 &`) inherits the slave and can
// keep it open long after the shell exited, so EOF may never come. After the
// exit we therefore also finish once no data has arrived for idleAfterExitMs
// (2 s); data still flowing keeps the task alive, and time with output paused
// by the caller does not count. So a background child's late output reaches
// the log until the pty closes (EOF/EIO), or until 2 s pass without output.
// The shell is not the session leader (whose exit would SIGHUP them all): the
// pty child is a keeper that runs it and reports its status (keeper.ts).
//
// Kill means the whole task: the signal goes to the process group, to every
// process found in the task's session or below it (task-tree.ts) and to its
// cgroup where there is one (task-cgroup.ts); after the grace, SIGKILL to all
// of them, even when the shell already exited. A killed task is reported
// finished only once none of its processes is left (or, for processes the
// kernel cannot kill at once, killSettleMs after that SIGKILL).
import fs from 'node:fs';
import tty from 'node:tty';
import {signalGroup, signalName} from './process-group.js';
import {loadPtyBinding, type ForkResult, type PtyBinding} from './pty-native.js';
import {PtyWriter} from './pty-writer.js';
import {buildEnvironment, checkCwd, isValidSize, resolveShell, sizeProblem} from './spawn-check.js';
import {SpawnError} from './spawn-error.js';
import {keeperLaunch, readKeeperStatus, removeKeeperStatus, shellStatus} from './keeper.js';
import {TaskCgroup} from './task-cgroup.js';
import {readStat, TaskTree} from './task-tree.js';
import type {RunExit, RunHandlers, RunningTask, RunSpec} from './types.js';

/** Exported for the tests, which must wait longer than this to show the idle rule did not fire. */
export const idleAfterExitMs = 2000;
const drainRetryMs = 10;
const defaultGraceMs = 5000;
const killPollMs = 50;
const killSettleMs = 3000;
// How often the keeper's status file is looked at while the pty stays open
// (a background child holds it): when the idle rule's clock may start.
const statusPollMs = 250;

/** Throws SpawnError synchronously when the cwd or shell is unusable or the fork fails. */
export function startTask(spec: RunSpec, handlers: RunHandlers): RunningTask {
	if (!isValidSize(spec.cols, spec.rows)) throw new SpawnError(sizeProblem(spec.cols, spec.rows));
	checkCwd(spec.cwd);
	if (spec.command.includes('\0')) throw new SpawnError('the command contains a NUL byte: remove it');
	const file = resolveShell(spec.shell, spec.env, spec.cwd);
	const env = buildEnvironment(spec.env);
	const {binding, helperPath} = loadPtyBinding();
	const cgroup = TaskCgroup.create();
	const launch = keeperLaunch(file, spec.command, {cgroup, translateNewlines: spec.translateNewlines !== false});

	let onProcessExit: (code: number, signal: number) => void = () => {};
	let forked: ForkResult;
	try {
		// The exit callback runs on the main thread via a threadsafe function, never during fork().
		forked = binding.fork(launch.file, launch.args, env, spec.cwd, spec.cols, spec.rows, -1, -1, true, helperPath, (code, signal) => onProcessExit(code, signal));
	} catch (error) {
		cgroup?.remove();
		removeKeeperStatus(launch.statusFile);
		throw new SpawnError(`could not start ${file} in a pty (${(error as Error).message}): the system may be out of processes, pseudo-terminals or file descriptors`);
	}

	const task = new PtyTask(forked, binding, handlers, cgroup, launch.statusFile);
	onProcessExit = (code, signal) => task.keeperExited(code, signal);
	return task;
}

class PtyTask implements RunningTask {
	readonly pid: number;
	readonly #fd: number;
	readonly #socket: tty.ReadStream;
	readonly #writer: PtyWriter;
	#exit: RunExit | undefined;
	#eof = false;
	#finished = false;
	#paused = false;
	#outputPaused = false;
	#lastActivity = 0; // exit, data after exit, or resumeOutput: start of the idle wait
	#idleTimer: NodeJS.Timeout | undefined;
	#killTimer: NodeJS.Timeout | undefined;
	#killDeadline = Number.POSITIVE_INFINITY;
	#killing = false; // kill() was called: finish only once no process of the task is left
	#killedAllAt: number | undefined; // when the final SIGKILL went to everything
	#settleTimer: NodeJS.Timeout | undefined;
	#giveUpTimer: NodeJS.Timeout | undefined;
	readonly #tree: TaskTree;
	#hungUp = false; // libuv reported EOF; the rest is read by drain()
	#drainTimer: NodeJS.Timeout | undefined;
	#readBuffer: Buffer | undefined;
	#chunkCount = 0;
	#keeperGone = false; // node-pty reported the keeper's exit
	#statusTimer: NodeJS.Timeout | undefined;

	readonly #binding: PtyBinding;
	readonly #handlers: RunHandlers;
	readonly #cgroup: TaskCgroup | undefined;
	readonly #statusFile: string | undefined;

	constructor(forked: ForkResult, binding: PtyBinding, handlers: RunHandlers, cgroup: TaskCgroup | undefined, statusFile: string | undefined) {
		this.#binding = binding;
		this.#handlers = handlers;
		this.#cgroup = cgroup;
		this.#statusFile = statusFile;
		this.pid = forked.pid;
		this.#fd = forked.fd;
		this.#tree = new TaskTree(this.pid);
		try {
			// tty.ReadStream keeps its default highWaterMark of 0: when output is
			// paused it stops reading after one chunk, so it can never read EIO
			// (and destroy itself) with unread data still in its buffer.
			// allowHalfOpen keeps the fd open after libuv's early 'end' (see top).
			this.#socket = new tty.ReadStream(this.#fd, {allowHalfOpen: true});
		} catch (error) {
			signalGroup(this.pid, 'SIGKILL');
			cgroup?.killAll();
			cgroup?.remove();
			fs.closeSync(this.#fd);
			throw new SpawnError(`could not read the task's pty (${(error as Error).message})`);
		}

		// The socket closes the fd itself on a read error, before we hear of it.
		this.#writer = new PtyWriter(this.#fd, () => !this.#socket.destroyed);
		// No setEncoding: Buffers straight through, no per-chunk conversion.
		this.#socket.on('data', (chunk: Buffer) => this.#output(chunk));
		// EIO is how Linux says "slave closed and drained", i.e. EOF. Any other
		// read error also ends the stream: nothing more can be read.
		this.#socket.on('error', () => this.#endOfOutput());
		this.#socket.on('end', () => this.#drain());
		this.#socket.on('close', () => this.#endOfOutput());
		this.#pollStatus();
	}

	/** The pty child (the keeper, see keeper.ts) is gone: the shell's status is in its file, or was its exit. */
	keeperExited(code: number, signal: number): void {
		this.#keeperGone = true;
		if (this.#exit) return;
		this.#shellExited(readKeeperStatus(this.#statusFile) ?? (signal === 0 ? shellStatus(code) : {exitCode: null, signal: signalName(signal)}));
	}

	#pollStatus(): void {
		this.#statusTimer = undefined;
		if (this.#exit || this.#finished) return;
		const status = readKeeperStatus(this.#statusFile);
		if (status) {
			this.#shellExited(status);
			return;
		}

		this.#statusTimer = setTimeout(() => this.#pollStatus(), statusPollMs);
		this.#statusTimer.unref();
	}

	#shellExited(exit: RunExit): void {
		if (this.#exit) return;
		this.#exit = exit;
		if (this.#statusTimer !== undefined) clearTimeout(this.#statusTimer);
		this.#statusTimer = undefined;
		this.#paused = false;
		this.#lastActivity = Date.now();
		this.#armIdleTimer();
		this.#maybeFinish();
	}

	pause(): void {
		if (this.#finished) return;
		signalGroup(this.pid, 'SIGSTOP');
		this.#paused = true;
	}

	resume(): void {
		if (this.#finished) return;
		signalGroup(this.pid, 'SIGCONT');
		this.#paused = false;
	}

	signal(signal: NodeJS.Signals): void {
		if (this.#finished) return;
		if (signal === 'SIGSTOP' || signal === 'SIGCONT') {
			if (signal === 'SIGSTOP') this.pause();
			else this.resume();
			return;
		}

		signalGroup(this.pid, signal);
		// A stopped process only acts on the signal once it runs again.
		if (this.#paused) this.resume();
	}

	kill(signal: NodeJS.Signals = 'SIGTERM', graceMs = defaultGraceMs): void {
		if (this.#finished) return;
		this.#killing = true;
		if (signal === 'SIGKILL' || graceMs <= 0) {
			this.#killEverything();
			return;
		}

		this.signal(signal);
		// Also whoever left the group: setsid children, cgroup members.
		this.#tree.signalAll(signal);
		this.#cgroup?.signalAll(signal);
		const deadline = Date.now() + graceMs;
		// A second kill may shorten the grace period, never extend it.
		if (deadline >= this.#killDeadline) return;
		this.#killDeadline = deadline;
		if (this.#killTimer !== undefined) clearTimeout(this.#killTimer);
		// Not cancelled when the shell exits: what it left behind is killed too.
		this.#killTimer = setTimeout(() => {
			this.#killTimer = undefined;
			this.#killEverything();
		}, graceMs);
	}

	/** SIGKILL to the group, everything found in the session or below it, and the cgroup. */
	#killEverything(): void {
		if (this.#finished) return;
		if (this.#killTimer !== undefined) clearTimeout(this.#killTimer);
		this.#killTimer = undefined;
		this.#killDeadline = Date.now();
		signalGroup(this.pid, 'SIGKILL');
		this.#tree.signalAll('SIGKILL');
		this.#cgroup?.killAll();
		if (this.#killedAllAt === undefined) {
			this.#killedAllAt = Date.now();
			// A shell the kernel cannot kill (uninterruptible sleep) never reports its
			// exit, and a process stuck that way can hold the pty open: end anyway.
			this.#giveUpTimer = setTimeout(() => this.#giveUp(), killSettleMs + killPollMs);
		}

		this.#maybeFinish();
	}

	#giveUp(): void {
		this.#giveUpTimer = undefined;
		if (this.#finished) return;
		this.#exit ??= {exitCode: null, signal: 'SIGKILL'};
		// Output the caller paused is left to it: it ends once reading resumes (EOF or the idle rule).
		if (!this.#eof && !this.#outputPaused) this.#endOfOutput();
		this.#maybeFinish();
	}

	/** True when no live process of the task is left (or the last SIGKILL was long enough ago). */
	#settled(): boolean {
		if (this.#killedAllAt !== undefined && Date.now() - this.#killedAllAt >= killSettleMs) return true;
		// The keeper waits to be told the task is over; it is no process of the task's own.
		const own = (pid: number) => pid !== this.pid || !this.#exit;
		if (this.#tree.scan().some(own)) return false;
		return !(
			this.#cgroup?.pids().some((pid) => {
				if (!own(pid)) return false;
				const state = readStat(pid)?.state;
				return state !== undefined && state !== 'Z' && state !== 'X';
			}) ?? false
		);
	}

	write(data: Buffer | string): void {
		this.#writer.write(data);
	}

	get pendingInput(): number {
		return this.#writer.pending;
	}

	resize(cols: number, rows: number): void {
		if (!isValidSize(cols, rows)) throw new RangeError(sizeProblem(cols, rows));
		// Once the fd is closed its number may belong to another file.
		if (this.#eof || this.#socket.destroyed) return;
		try {
			this.#binding.resize(this.#fd, cols, rows);
		} catch {
			// The pty is going away; its size no longer matters.
		}
	}

	pauseOutput(): void {
		if (this.#outputPaused) return;
		this.#outputPaused = true;
		this.#socket.pause();
		this.#clearIdleTimer();
	}

	resumeOutput(): void {
		if (!this.#outputPaused) return;
		this.#outputPaused = false;
		this.#socket.resume();
		// Not inline: the caller should not get onOutput from inside resumeOutput().
		if (this.#hungUp) this.#drainTimer ??= setTimeout(() => this.#drain(), 0);
		// Unread output may be waiting in the kernel: restart the idle wait.
		this.#lastActivity = Date.now();
		this.#armIdleTimer();
	}

	#output(chunk: Buffer): void {
		if (this.#finished) return;
		this.#chunkCount++;
		if (this.#exit) this.#lastActivity = Date.now();
		this.#handlers.onOutput(chunk);
	}

	/** Reads what libuv left behind after its early EOF, up to the kernel's EIO. */
	#drain(): void {
		this.#hungUp = true;
		this.#drainTimer = undefined;
		if (this.#readNow() === 'empty') {
			// Someone reopened the slave: poll (the idle rule still ends it after exit).
			this.#drainTimer ??= setTimeout(() => this.#drain(), drainRetryMs);
		}
	}

	/**
	 * Reads the fd directly until it has nothing more right now ('empty'), is
	 * at its end ('eof', already handled) or the caller paused output.
	 */
	#readNow(): 'empty' | 'eof' | 'paused' {
		// Reads return at most 4095 bytes; the copy gives each chunk its own memory.
		this.#readBuffer ??= Buffer.allocUnsafe(16_384);
		for (;;) {
			if (this.#eof) return 'eof';
			if (this.#outputPaused) return 'paused';
			let count: number;
			try {
				count = fs.readSync(this.#fd, this.#readBuffer, 0, this.#readBuffer.length, null);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return 'empty';
				this.#endOfOutput(); // EIO: drained
				return 'eof';
			}

			if (count === 0) {
				this.#endOfOutput();
				return 'eof';
			}

			this.#output(Buffer.from(this.#readBuffer.subarray(0, count)));
		}
	}

	#endOfOutput(): void {
		if (this.#eof) return;
		this.#eof = true;
		this.#clearIdleTimer();
		if (this.#drainTimer !== undefined) clearTimeout(this.#drainTimer);
		this.#drainTimer = undefined;
		// Input has nowhere to go, and the fd is about to be closed.
		this.#writer.close();
		// Closes the master fd (idempotent when the socket already destroyed itself on EIO).
		this.#socket.destroy();
		// The keeper writes the status before it closes its end of the pty: at EOF it is there.
		const status = this.#exit ? undefined : readKeeperStatus(this.#statusFile);
		if (status) this.#shellExited(status);
		else this.#maybeFinish();
	}

	#maybeFinish(): void {
		if (this.#finished || !this.#exit || !this.#eof) return;
		if (this.#killing && !this.#settled()) {
			// Killed: not over while a process of the task lives (the kill timer ends them).
			this.#settleTimer ??= setTimeout(() => {
				this.#settleTimer = undefined;
				this.#maybeFinish();
			}, killPollMs);
			return;
		}

		this.#finished = true;
		this.#clearIdleTimer();
		if (this.#killTimer !== undefined) clearTimeout(this.#killTimer);
		this.#killTimer = undefined;
		if (this.#settleTimer !== undefined) clearTimeout(this.#settleTimer);
		this.#settleTimer = undefined;
		if (this.#giveUpTimer !== undefined) clearTimeout(this.#giveUpTimer);
		this.#giveUpTimer = undefined;
		if (this.#statusTimer !== undefined) clearTimeout(this.#statusTimer);
		this.#statusTimer = undefined;
		this.#stopKeeper();
		this.#cgroup?.remove();
		this.#handlers.onExit(this.#exit);
	}

	/** The task is over: the keeper waiting in it may go (closing the master would hang it up too). */
	#stopKeeper(): void {
		removeKeeperStatus(this.#statusFile);
		if (this.#keeperGone) return;
		try {
			// Still our unreaped child (node-pty has not reported it): the pid is its own.
			process.kill(this.pid, 'SIGKILL');
		} catch {
			// Exited meanwhile.
		}
	}

	#armIdleTimer(): void {
		if (this.#idleTimer !== undefined || !this.#exit || this.#eof || this.#outputPaused) return;
		// One timer that re-arms for the remaining time, instead of a reset per chunk.
		const wait = Math.max(0, this.#lastActivity + idleAfterExitMs - Date.now());
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = undefined;
			if (this.#eof || this.#outputPaused) return;
			if (Date.now() - this.#lastActivity < idleAfterExitMs) return this.#armIdleTimer();
			// After a stall of the whole process this timer and the pty's readable
			// event are due together, and which runs first is up to the libuv
			// version. So look at the fd itself before calling the task idle.
			const before = this.#chunkCount;
			const state = this.#readNow();
			if (state === 'eof' || state === 'paused') return;
			if (this.#chunkCount === before) this.#endOfOutput();
			else this.#armIdleTimer();
		}, wait);
	}

	#clearIdleTimer(): void {
		if (this.#idleTimer !== undefined) clearTimeout(this.#idleTimer);
		this.#idleTimer = undefined;
	}
}

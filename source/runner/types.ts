// The runner's contract. It runs ONE task and knows nothing of queues, stores
// or sockets, so the daemon (local slots) and remote workers share it.

export type RunSpec = {
	/** Run as: shell -c command. */
	command: string;
	/** E.g. 'sh'; looked up in env.PATH when it has no slash. */
	shell: string;
	/** Absolute path of the working directory. */
	cwd: string;
	/** The COMPLETE environment of the task; nothing from process.env is added (only TERM when missing). */
	env: Record<string, string>;
	cols: number;
	rows: number;
	/**
	 * Keep the pty's newline translation (ONLCR: each "\n" the task writes
	 * arrives as "\r\n"). Default true, the kernel's default. With false the
	 * output arrives exactly as written, and a pty delivers it ~10x faster.
	 */
	translateNewlines?: boolean;
};

/** exitCode is null when the shell was killed by a signal; signal is a name such as 'SIGTERM'. */
export type RunExit = {exitCode: number | null; signal: string | null};

export type RunHandlers = {
	/** Raw pty bytes, in order. Each Buffer is fresh: the receiver may keep it. */
	onOutput: (data: Buffer) => void;
	/** Exactly once, after the last onOutput: the exit status is known AND the pty was read to its end. */
	onExit: (exit: RunExit) => void;
};

export type RunningTask = {
	/** The pty child's (the keeper's, see keeper.ts): also the id of the task's process group and session. */
	readonly pid: number;
	/** SIGSTOP to the whole process group. */
	pause(): void;
	/** SIGCONT to the whole process group. */
	resume(): void;
	/** To the whole group; when paused, followed by SIGCONT so it is delivered (the task is then running). */
	signal(signal: NodeJS.Signals): void;
	/**
	 * Default SIGTERM, to the group and every process of the task found outside it (session,
	 * descendants, cgroup); after graceMs (default 5000) SIGKILL to all of them, even if the shell
	 * already exited. onExit follows only once none of them is left (see docs/reliability.md).
	 */
	kill(signal?: NodeJS.Signals, graceMs?: number): void;
	/** Input to the pty; queued, survives back-pressure, never throws (dropped once the pty is gone). */
	write(data: Buffer | string): void;
	/** Input bytes queued by `write` that the pty has not taken yet (the task is not reading). */
	readonly pendingInput: number;
	resize(cols: number, rows: number): void;
	/** Stop reading the pty (a slow log sink); the task then blocks on its writes. */
	pauseOutput(): void;
	resumeOutput(): void;
};

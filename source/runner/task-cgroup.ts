// One cgroup v2 per task, where the daemon may create one: its own cgroup (as
// in /proc/self/cgroup) on a writable cgroup2 mount, e.g. as root or with a
// delegated subtree. A cgroup holds every process forked inside it, setsid or
// not, and cgroup.kill SIGKILLs them all at once. Where it is not possible
// the runner falls back to the process-group/session sweep (task-tree.ts).
//
// The task joins its cgroup itself, before anything else runs: the launcher
// writes 0 to cgroup.procs and then execs the shell (run-task.ts), so no
// child can be forked outside it.
import fs from 'node:fs';
import path from 'node:path';

let base: string | null | undefined; // undefined: not probed yet; null: unusable
let counter = 0;

function findBase(): string | null {
	try {
		const own = fs
			.readFileSync('/proc/self/cgroup', 'utf8')
			.split('\n')
			.find((line) => line.startsWith('0::'));
		if (!own) return null;
		const relative = own.slice(3);
		const mount = fs
			.readFileSync('/proc/self/mountinfo', 'utf8')
			.split('\n')
			.map((line) => line.split(' '))
			.find((fields) => {
				const separator = fields.indexOf('-');
				return separator > 0 && fields[separator + 1] === 'cgroup2';
			});
		if (!mount) return null;
		const dir = path.join(mount[4]!, relative);
		fs.accessSync(path.join(dir, 'cgroup.procs'), fs.constants.W_OK);
		removeEmptyLeftovers(dir);
		return dir;
	} catch {
		return null;
	}
}

/**
 * Cgroups of earlier runs whose processes outlived their task and ended after
 * the run's process did: rmdir only removes empty ones, so live tasks' stay.
 */
function removeEmptyLeftovers(dir: string): void {
	try {
		for (const name of fs.readdirSync(dir)) {
			if (!/^spool-\d+-\d+$/.test(name)) continue;
			try {
				fs.rmdirSync(path.join(dir, name));
			} catch {
				// Still in use.
			}
		}
	} catch {
		// Nothing to tidy.
	}
}

export class TaskCgroup {
	private constructor(readonly dir: string) {}

	/** A fresh cgroup for one task, or undefined where none can be made. */
	static create(): TaskCgroup | undefined {
		if (base === undefined) base = findBase();
		if (base === null) return undefined;
		const dir = path.join(base, `spool-${process.pid}-${++counter}`);
		try {
			fs.mkdirSync(dir);
		} catch {
			base = null; // not allowed here: stop trying for every task
			return undefined;
		}

		return new TaskCgroup(dir);
	}

	pids(): number[] {
		try {
			return fs.readFileSync(path.join(this.dir, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number);
		} catch {
			return [];
		}
	}

	/** SIGKILL to everything in it (cgroup.kill, Linux 5.14+; else one by one). */
	killAll(): void {
		try {
			fs.writeFileSync(path.join(this.dir, 'cgroup.kill'), '1');
			return;
		} catch {
			// Older kernel: no cgroup.kill.
		}

		this.signalAll('SIGKILL');
	}

	signalAll(signal: NodeJS.Signals): void {
		for (const pid of this.pids()) {
			try {
				process.kill(pid, signal);
			} catch {
				// Gone meanwhile.
			}
		}
	}

	/** Removes it once empty; retries in the background while processes remain. */
	remove(): void {
		if (this.#tryRemove()) return;
		const timer = setInterval(() => {
			if (this.#tryRemove()) clearInterval(timer);
		}, 2000);
		timer.unref();
	}

	#tryRemove(): boolean {
		try {
			fs.rmdirSync(this.dir);
			return true;
		} catch (error) {
			return (error as NodeJS.ErrnoException).code !== 'EBUSY';
		}
	}
}

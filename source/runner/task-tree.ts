// Finding every process that belongs to a task, so that kill means the whole
// task and not only the shell's process group.
//
// A task's processes are found three ways:
// - its process group and its session: the pty child is a session leader, so
//   its pid is both ids, and children keep them unless they call setsid or
//   setpgid; these ids outlive the shell, so a background child that trapped
//   TERM is still found after the shell exited;
// - descendants (by parent pid) of the task and of every process found
//   before: a `setsid` child is caught while its parent is alive, and
//   remembered (pid + start time, so a reused pid is not mistaken for it);
// - a cgroup v2 per task where the daemon may create one (task-cgroup.ts):
//   that catches everything, even setsid + double fork.
// Without a cgroup, a process that called setsid AND whose parent exited
// before the kill (setsid + double fork, a daemonizing program) escapes.
import fs from 'node:fs';

export type ProcStat = {pid: number; state: string; ppid: number; pgrp: number; session: number; startTime: string};

export function readStat(pid: number): ProcStat | undefined {
	let text: string;
	try {
		text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}

	// The command name is parenthesised and may itself contain spaces and ')'.
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	// After the name: state(3) ppid(4) pgrp(5) session(6) ... starttime(22).
	return {pid, state: fields[0] ?? '?', ppid: Number(fields[1]), pgrp: Number(fields[2]), session: Number(fields[3]), startTime: fields[19] ?? ''};
}

function allProcesses(): ProcStat[] {
	let names: string[];
	try {
		names = fs.readdirSync('/proc');
	} catch {
		return [];
	}

	const stats: ProcStat[] = [];
	for (const name of names) {
		if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
		const stat = readStat(Number(name));
		if (stat) stats.push(stat);
	}

	return stats;
}

/** The processes of one task, remembered across scans. */
export class TaskTree {
	readonly #known = new Map<number, string>(); // pid -> start time

	constructor(readonly leader: number) {}

	/** Live (non-zombie) processes of the task now, excluding the daemon itself. */
	scan(): number[] {
		const processes = allProcesses();
		const members = new Set<number>();
		for (const stat of processes) {
			if (stat.pgrp === this.leader || stat.session === this.leader || stat.pid === this.leader) members.add(stat.pid);
			else if (this.#known.get(stat.pid) === stat.startTime) members.add(stat.pid);
		}

		// Descendants of members, to a fixed point.
		const children = new Map<number, ProcStat[]>();
		for (const stat of processes) {
			const list = children.get(stat.ppid);
			if (list) list.push(stat);
			else children.set(stat.ppid, [stat]);
		}

		const stack = [...members];
		while (stack.length > 0) {
			for (const child of children.get(stack.pop()!) ?? []) {
				if (!members.has(child.pid)) {
					members.add(child.pid);
					stack.push(child.pid);
				}
			}
		}

		const live: number[] = [];
		const byPid = new Map(processes.map((stat) => [stat.pid, stat]));
		for (const pid of members) {
			const stat = byPid.get(pid);
			if (!stat || pid === process.pid) continue;
			this.#known.set(pid, stat.startTime);
			// A zombie is dead already; nobody may reap it (no init in a container).
			if (stat.state !== 'Z' && stat.state !== 'X') live.push(pid);
		}

		return live;
	}

	/** Signals every live process of the task; returns how many were signalled. */
	signalAll(signal: NodeJS.Signals): number {
		let count = 0;
		for (const pid of this.scan()) {
			try {
				process.kill(pid, signal);
				count++;
			} catch {
				// Gone meanwhile, or not ours.
			}
		}

		return count;
	}
}

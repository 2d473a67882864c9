// What the kernel says about a process, from /proc (Linux): lets a test wait
// for a process to be stopped instead of sleeping and watching for silence.
import {readdirSync, readFileSync} from 'node:fs';

/**
 * The one-letter state of a process (R running, S sleeping, T stopped by a
 * signal, Z zombie, ...), or undefined when there is no such process.
 */
export function processState(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The state follows the parenthesised command name, which may itself hold ')'.
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	} catch {
		return undefined;
	}
}

/** Alive and not a zombie (containers often have no init to reap orphans). */
export function isAlive(pid: number): boolean {
	const state = processState(pid);
	return state !== undefined && state !== 'Z' && state !== 'X';
}

/** SIGKILL, for cleaning up after a test; a process already gone is fine. */
export function killQuietly(pid: number): void {
	try {
		process.kill(pid, 'SIGKILL');
	} catch {
		// Already gone.
	}
}

/** Every one of these processes exists and is stopped by a signal (SIGSTOP). */
export function allStopped(pids: readonly number[]): boolean {
	return pids.length > 0 && pids.every((pid) => processState(pid) === 'T');
}

/** Every one of these processes exists and is not stopped. */
export function noneStopped(pids: readonly number[]): boolean {
	return (
		pids.length > 0 &&
		pids.every((pid) => {
			const state = processState(pid);
			return state !== undefined && state !== 'T' && state !== 'Z';
		})
	);
}

/** The numbers printed as `pid:<n>` in a task's output. */
export function printedPids(text: string): number[] {
	return [...text.matchAll(/pid:(\d+)/g)].map((match) => Number(match[1]));
}

/** The pids of the live (not zombie) processes in the same process group as `pid`. */
export function groupMembers(pid: number): number[] {
	const group = statField(pid, 5);
	if (group === undefined) return [];
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.filter((member) => statField(member, 5) === group && processState(member) !== 'Z');
}

/** Field `index` (1-based, as in proc(5)) of /proc/<pid>/stat. */
function statField(pid: number, index: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[index - 3];
	} catch {
		return undefined;
	}
}

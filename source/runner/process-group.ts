// Signals go to the whole process group (negative pid): the pty child is a
// session leader, so its pid is the group id and grandchildren share it.
import os from 'node:os';

/** Returns false when nobody in the group is left (or it is not ours any more). */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
	try {
		process.kill(-pgid, signal);
		return true;
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		// ESRCH: the group is gone. EPERM: its id now belongs to someone else's group.
		if (code === 'ESRCH' || code === 'EPERM') return false;
		throw error;
	}
}

const signalNames = new Map<number, string>();
for (const [name, number] of Object.entries(os.constants.signals)) {
	// Aliases share a number (SIGABRT/SIGIOT); keep the first, canonical one.
	if (!signalNames.has(number)) signalNames.set(number, name);
}

export function signalName(number: number): string {
	return signalNames.get(number) ?? `SIG${number}`;
}

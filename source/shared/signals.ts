// Signal names as `kill(1)` takes them: `TERM`, `SIGTERM`, `term` or the
// number `15`. The CLI checks a signal before it sends anything (a usage
// error, exit 2); the daemon checks again, since a request may come from
// any client.
import os from 'node:os';

const signals = os.constants.signals as Record<string, number>;

/** The full signal name (`SIGTERM`) for a name or number, or undefined when this system has no such signal. */
export function signalName(text: string): NodeJS.Signals | undefined {
	const trimmed = text.trim();
	if (/^\d+$/.test(trimmed)) {
		const number = Number(trimmed);
		return Object.keys(signals).find((name) => signals[name] === number) as NodeJS.Signals | undefined;
	}

	const upper = trimmed.toUpperCase();
	const full = upper.startsWith('SIG') ? upper : `SIG${upper}`;
	return Object.hasOwn(signals, full) ? (full as NodeJS.Signals) : undefined;
}

/** What an unknown signal is told: the names most used, and that numbers work. */
export function unknownSignal(text: string): string {
	return `unknown signal ${JSON.stringify(text)}; use a name such as TERM, INT, KILL or HUP, or its number (9, 15)`;
}

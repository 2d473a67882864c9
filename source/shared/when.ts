// Times on the command line: a delay ("30s", "10m", "2h30m", "1d") or a
// moment ("tomorrow 9:00", "18:30", "2026-12-01T08:00", "2026-12-01 08:00").
import {InputError} from './input-error.js';

const unitMs: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000};

/** Milliseconds of a duration like "2h30m", or undefined if it is not one. */
export function parseDuration(text: string): number | undefined {
	const trimmed = text.trim().toLowerCase();
	if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(trimmed)) return undefined;
	let total = 0;
	for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) total += Number(match[1]) * unitMs[match[2]!]!;
	return Math.round(total);
}

function atClock(base: Date, clock: string): Date | undefined {
	const match = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(am|pm)?$/i.exec(clock.trim());
	if (!match) return undefined;
	let hours = Number(match[1]);
	const minutes = Number(match[2] ?? 0);
	const seconds = Number(match[3] ?? 0);
	const meridiem = match[4]?.toLowerCase();
	if (meridiem === 'pm' && hours < 12) hours += 12;
	if (meridiem === 'am' && hours === 12) hours = 0;
	if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
	const date = new Date(base);
	date.setHours(hours, minutes, seconds, 0);
	return date;
}

/**
 * The moment (ms since epoch) a `--delay` value names. A bare clock time
 * means its next occurrence.
 */
export function parseWhen(text: string, now = Date.now()): number {
	const duration = parseDuration(text);
	if (duration !== undefined) return now + duration;
	const trimmed = text.trim().toLowerCase();
	const day = /^(today|tomorrow)(?:\s+(?:at\s+)?(.+))?$/.exec(trimmed);
	if (day) {
		const base = new Date(now);
		if (day[1] === 'tomorrow') base.setDate(base.getDate() + 1);
		let date: Date | undefined = base;
		if (day[2]) date = atClock(base, day[2]);
		else base.setHours(day[1] === 'tomorrow' ? 0 : base.getHours(), 0, 0, 0);
		if (date) return date.getTime();
	}

	const clock = atClock(new Date(now), trimmed);
	if (clock) {
		if (clock.getTime() <= now) clock.setDate(clock.getDate() + 1);
		return clock.getTime();
	}

	if (/^\d{4}-\d{2}-\d{2}([t ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) {
		const parsed = Date.parse(trimmed.replace(' ', 'T').toUpperCase());
		if (!Number.isNaN(parsed)) return parsed;
	}

	throw new InputError(`invalid time ${JSON.stringify(text)}: write a delay (30s, 10m, 2h30m, 1d), a clock time (18:30), "tomorrow 9:00", or an ISO time (2026-12-01T08:00)`);
}

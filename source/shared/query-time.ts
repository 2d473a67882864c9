// Times in status queries (`start>10:00`, `end<2026-12-01`): a time names a
// span, in local time — a day, a minute or a second — and the query compares
// a task's time with that span: `<` before it, `>` after it, `=` within it.
// Unlike `--delay` (shared/when.ts), these look back: a bare clock time is
// today's, whether it has passed or not.

export type Span = {from: number; to: number};

/** The day `offset` days after the date's, midnight to midnight by the calendar (a DST day has 23 or 25 hours). */
const dayOf = (date: Date, offset = 0): Span => ({
	from: new Date(date.getFullYear(), date.getMonth(), date.getDate() + offset).getTime(),
	to: new Date(date.getFullYear(), date.getMonth(), date.getDate() + offset + 1).getTime(),
});

/** A calendar day, or undefined when it does not exist (2026-02-30). */
function day(year: number, month: number, date: number): Span | undefined {
	const start = new Date(year, month - 1, date);
	if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date) return undefined;
	return dayOf(start);
}

function clock(base: Span, hours: number, minutes: number, seconds: string | undefined): Span | undefined {
	if (hours > 23 || minutes > 59 || (seconds !== undefined && Number(seconds) > 59)) return undefined;
	const start = new Date(base.from);
	start.setHours(hours, minutes, Number(seconds ?? 0), 0);
	return {from: start.getTime(), to: start.getTime() + (seconds === undefined ? 60_000 : 1000)};
}

/**
 * The span a query time names, or undefined: `2026-12-01` (that day),
 * `2026-12-01 10:00` or `2026-12-01T10:00:30` (that minute or second),
 * `10:00` or `10:00:30` (today), `today`, `yesterday`; an ISO time with a
 * zone (`2026-12-01T10:00Z`) is that minute or second in that zone.
 */
export function parseQueryTime(text: string, now = Date.now()): Span | undefined {
	const trimmed = text.trim().toLowerCase();
	const today = dayOf(new Date(now));
	if (trimmed === 'today') return today;
	if (trimmed === 'yesterday') return dayOf(new Date(now), -1);

	const zoned = /^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2})?(z|[+-]\d{2}:?\d{2})$/.exec(trimmed);
	if (zoned) {
		const from = Date.parse(trimmed.toUpperCase());
		return Number.isNaN(from) ? undefined : {from, to: from + (zoned[1] === undefined ? 60_000 : 1000)};
	}

	const match = /^(?:(\d{4})-(\d{1,2})-(\d{1,2}))?(?:(?:^|[ t])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(trimmed);
	if (!match || trimmed === '') return undefined;
	const [, year, month, date, hours, minutes, seconds] = match;
	const base = year === undefined ? today : day(Number(year), Number(month), Number(date));
	if (!base) return undefined;
	return hours === undefined ? base : clock(base, Number(hours), Number(minutes), seconds);
}

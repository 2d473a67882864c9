// Times on the command line (`--delay`): a delay ("30s", "1h 30m", "5 minutes",
// "in 5 seconds", a bare number of seconds), or a moment ("18:30",
// "tomorrow 9:00", "wednesday 10:30pm", "1d 03:00", "April 1 2030 18:30",
// "2026-12-01T08:00"), or "now". Delays are read here; moments by chrono-node
// (English, US month/day order like pueue), with spool's rules on top:
//
// - the text must be read whole ("next tuesday-ish" is refused, not "next tuesday");
// - a day without a clock time means its midnight (tomorrow, wednesday, 2026-12-01),
//   except counted days, weeks, months and years ("1 week", "4 months"), which keep
//   the clock time of now, and parts of the day ("tomorrow morning", "tonight"),
//   whose hour chrono picks;
// - a bare clock time means its next occurrence, a bare weekday the next such day;
// - a moment in the past is refused (only "now" starts at once).
//
// This module is the only one that imports chrono-node, and only `add`, `enqueue`
// and the UI load this module, so other commands never parse it.
import {type Component, type ParsedResult, casual} from 'chrono-node/en';
import {formatDate} from './format.js';
import {InputError} from './input-error.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const units: Record<string, {ms: number} | {days: number}> = {};
for (const [names, unit] of [
	['ms msec msecs millisecond milliseconds', {ms: 1}],
	['s sec secs second seconds', {ms: second}],
	['m min mins minute minutes', {ms: minute}],
	['h hr hrs hour hours', {ms: hour}],
	['d day days', {days: 1}],
	['w wk wks week weeks', {days: 7}],
] as const) {
	for (const name of names.split(' ')) units[name] = unit;
}

const amount = /(\d+(?:\.\d+)?)\s*([a-z]+)/y;
const separator = /\s*(?:,|\band\b)?\s*/y;

/** A delay as whole calendar days plus milliseconds, or undefined. */
function readDelay(text: string): {days: number; ms: number} | undefined {
	let rest = text.trim().toLowerCase();
	if (/^\d+$/.test(rest)) return {days: 0, ms: Number(rest) * second};
	rest = rest.replace(/^in\s+/, '');
	const delay = {days: 0, ms: 0};
	let index = 0;
	let terms = 0;
	while (index < rest.length) {
		if (terms > 0) {
			separator.lastIndex = index;
			index += separator.exec(rest)![0].length;
		}

		amount.lastIndex = index;
		const match = amount.exec(rest);
		const unit = match ? units[match[2]!] : undefined;
		if (!match || unit === undefined) return undefined;
		const count = Number(match[1]);
		if ('days' in unit) {
			const days = count * unit.days;
			delay.days += Math.floor(days);
			delay.ms += (days - Math.floor(days)) * 24 * hour;
		} else delay.ms += count * unit.ms;
		index = amount.lastIndex;
		terms++;
	}

	return terms === 0 ? undefined : {days: delay.days, ms: Math.round(delay.ms)};
}

/**
 * Milliseconds of a delay like "2h30m", "1h 30m", "5 minutes", "in 5 seconds"
 * or a bare number of seconds ("3600", as pueue), or undefined if the text is
 * not one. A day counts 24 hours here; parseWhen counts days on the calendar
 * (same clock time, whatever daylight saving does in between).
 */
export function parseDuration(text: string): number | undefined {
	const delay = readDelay(text);
	return delay && delay.days * 24 * hour + delay.ms;
}

/** chrono's components as a local time: its own date() keeps now's UTC offset across a daylight-saving change. */
function localDate(components: ParsedResult['start']): Date {
	const get = (name: Component) => components.get(name) ?? 0;
	return new Date(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'), get('millisecond'));
}

/** Words for which chrono picks the hour itself (tonight 22:00, evening 20:00, morning 06:00, ...). */
const dayParts = ['morning', 'noon', 'afternoon', 'evening', 'tonight', 'midnight'];

const examples =
	'write a delay (30s, 10m, 2h30m, 1d) or "in 5 minutes", a clock time (18:30, 5pm), a day (tomorrow, "tomorrow 9:00", wednesday, "wednesday 10:30pm", "1d 03:00"), a date (2026-12-01T08:00, "2026-12-01 08:00", "April 1 2030 18:30") or now';

const invalid = (text: string) => new InputError(`invalid time ${JSON.stringify(text)}: ${examples}`);

/**
 * The moment (ms since epoch) a `--delay` value names, from `now`. Throws an
 * InputError for text it cannot read whole and for a moment in the past.
 */
/**
 * A date written in numbers must exist as written: chrono reads 2030-13-01
 * as 2030-01-13 and 13/1/2030 as 13 January, where the user meant a date
 * (year-month-day; month/day as in the US) that is not there.
 */
function checkNumericDate(text: string): void {
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(text);
	const us = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/.exec(text);
	const parts = iso ? {year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3])} : us ? {year: us[3] ? Number(us[3]) : 2000, month: Number(us[1]), day: Number(us[2])} : undefined;
	if (!parts) return;
	const form = iso ? 'year-month-day' : 'month/day, as in the US';
	const why =
		parts.month < 1 || parts.month > 12
			? `there is no month ${parts.month}`
			: parts.day < 1 || parts.day > new Date(parts.year, parts.month, 0).getDate()
				? `${monthNames[parts.month - 1]} has no day ${parts.day}`
				: undefined;
	if (why) throw new InputError(`invalid date ${JSON.stringify(text)}: ${why} (read as ${form}); ${examples}`);
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function parseWhen(text: string, now = Date.now()): number {
	const trimmed = text.trim().replaceAll(/\s+/g, ' ');
	if (trimmed.toLowerCase() === 'now') return now;
	checkNumericDate(trimmed);
	const delay = readDelay(trimmed);
	if (delay) {
		const date = new Date(now);
		date.setDate(date.getDate() + delay.days);
		return date.getTime() + delay.ms;
	}

	// pueue takes "18:2:30"; chrono wants two-digit minutes and seconds.
	const padded = trimmed.replaceAll(/(?<=\d:)(\d)(?!\d)/g, '0$1');
	const [result] = casual.parse(padded, new Date(now), {forwardDate: true});
	if (result?.index !== 0 || result.text.length !== padded.length || result.end) throw invalid(text);
	const {start} = result;
	const date = start.isCertain('timezoneOffset') ? start.date() : localDate(start);
	const tags = result.tags();
	const counted = tags.has('result/relativeDate');
	const partOfDay = dayParts.some((part) => tags.has(`casualReference/${part}`));
	if (!start.isCertain('hour') && !counted && !partOfDay) date.setHours(0, 0, 0, 0);
	if (!counted && !start.isCertain('day')) {
		// A bare clock time or weekday: its next occurrence, never one gone by.
		const step = start.isCertain('weekday') ? 7 : 1;
		while (date.getTime() < now) date.setDate(date.getDate() + step);
	}

	if (date.getTime() < now) {
		throw new InputError(
			`${JSON.stringify(text)} is in the past (${formatDate(date.getTime())}): write a time still to come (10m, 18:30, "tomorrow 9:00", ${formatDate(now + 24 * hour).slice(0, 10)}) or now to start at once`,
		);
	}

	return date.getTime();
}

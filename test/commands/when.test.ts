import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseDuration, parseWhen} from '../../source/shared/when.js';
import {parseIds} from '../../source/shared/ids.js';

// Monday 2026-11-23 17:30:00, local time. Dates below are local too, so the
// tests hold in any time zone.
const now = new Date(2026, 10, 23, 17, 30, 0).getTime();
const at = (text: string, base = now) => new Date(parseWhen(text, base));
const local = (...parts: [number, number, number, number?, number?, number?]) => {
	const [year, month, day, hours = 0, minutes = 0, seconds = 0] = parts;
	return new Date(year, month - 1, day, hours, minutes, seconds);
};

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe('durations', () => {
	it('reads units glued, spaced, spelled out and combined', () => {
		expect(parseDuration('10m')).toBe(10 * minute);
		expect(parseDuration('2h30m')).toBe(2.5 * hour);
		expect(parseDuration('1.5s')).toBe(1500);
		expect(parseDuration('30s')).toBe(30 * second);
		expect(parseDuration('5min')).toBe(5 * minute);
		expect(parseDuration('2 seconds')).toBe(2 * second);
		expect(parseDuration('5 minutes')).toBe(5 * minute);
		expect(parseDuration('1 week')).toBe(7 * day);
		expect(parseDuration('1days')).toBe(day);
		expect(parseDuration('1h 30m')).toBe(1.5 * hour);
		expect(parseDuration('1 hour, 30 minutes')).toBe(1.5 * hour);
		expect(parseDuration('1 hour and 30 minutes')).toBe(1.5 * hour);
		expect(parseDuration('in 5 seconds')).toBe(5 * second);
		expect(parseDuration('3 HRS')).toBe(3 * hour);
		expect(parseDuration('250ms')).toBe(250);
	});

	it('reads a bare number as seconds, as pueue does', () => {
		expect(parseDuration('3600')).toBe(hour);
		expect(parseDuration('0')).toBe(0);
	});

	it('is not a duration without a known unit', () => {
		expect(parseDuration('soon')).toBeUndefined();
		expect(parseDuration('5 fortnights')).toBeUndefined();
		expect(parseDuration('18:30')).toBeUndefined();
		expect(parseDuration('1d 03:00')).toBeUndefined();
		expect(parseDuration('4 months')).toBeUndefined();
		expect(parseDuration('in')).toBeUndefined();
		expect(parseDuration('')).toBeUndefined();
	});
});

describe('parseWhen: delays', () => {
	it('adds a delay to now', () => {
		expect(parseWhen('10m', now)).toBe(now + 10 * minute);
		expect(parseWhen('2 seconds', now)).toBe(now + 2 * second);
		expect(parseWhen('5 minutes', now)).toBe(now + 5 * minute);
		expect(parseWhen('in 5 seconds', now)).toBe(now + 5 * second);
		expect(parseWhen('1h 30m', now)).toBe(now + 1.5 * hour);
		expect(parseWhen('5min', now)).toBe(now + 5 * minute);
		expect(parseWhen('30s', now)).toBe(now + 30 * second);
		expect(parseWhen('2h30m', now)).toBe(now + 2.5 * hour);
		expect(parseWhen('1 week', now)).toBe(now + 7 * day);
		expect(parseWhen('3600', now)).toBe(now + hour);
	});

	it('takes now as now', () => {
		expect(parseWhen('now', now)).toBe(now);
		expect(parseWhen(' NOW ', now)).toBe(now);
	});

	it('keeps the clock time for months and years (calendar months, not 30 days)', () => {
		expect(at('4 months')).toEqual(local(2027, 3, 23, 17, 30));
		expect(at('in 1 year')).toEqual(local(2027, 11, 23, 17, 30));
	});
});

describe('parseWhen: clock times and days', () => {
	it('reads a bare clock time as its next occurrence', () => {
		expect(at('18:30')).toEqual(local(2026, 11, 23, 18, 30));
		expect(at('9:00')).toEqual(local(2026, 11, 24, 9, 0));
		expect(at('5pm')).toEqual(local(2026, 11, 24, 17, 0));
		expect(at('10:30pm')).toEqual(local(2026, 11, 23, 22, 30));
		expect(at('midnight')).toEqual(local(2026, 11, 24, 0, 0));
		// A minute that started before now is tomorrow's, never "now".
		expect(at('17:30', now + 20 * second)).toEqual(local(2026, 11, 24, 17, 30));
	});

	it('reads tomorrow as its midnight, and tomorrow with a time as that time', () => {
		expect(at('tomorrow')).toEqual(local(2026, 11, 24, 0, 0));
		expect(at('tomorrow 9:00')).toEqual(local(2026, 11, 24, 9, 0));
		expect(at('tomorrow at 9am')).toEqual(local(2026, 11, 24, 9, 0));
		expect(at('today 18:00')).toEqual(local(2026, 11, 23, 18, 0));
	});

	it('reads a weekday as the next such day (midnight, or the time given)', () => {
		expect(at('wednesday')).toEqual(local(2026, 11, 25, 0, 0));
		expect(at('Wed')).toEqual(local(2026, 11, 25, 0, 0));
		expect(at('wednesday 10:30pm')).toEqual(local(2026, 11, 25, 22, 30));
		// Today is a Monday: a bare "monday" is next week's.
		expect(at('monday')).toEqual(local(2026, 11, 30, 0, 0));
		// ...and "monday 18:00" is the next Monday 18:00 to come: today's.
		expect(at('monday 18:00')).toEqual(local(2026, 11, 23, 18, 0));
		expect(at('monday 9:00')).toEqual(local(2026, 11, 30, 9, 0));
	});

	it('takes the hour chrono gives a part of the day', () => {
		expect(at('tonight')).toEqual(local(2026, 11, 23, 22, 0));
		expect(at('tomorrow morning')).toEqual(local(2026, 11, 24, 6, 0));
		expect(at('tomorrow evening')).toEqual(local(2026, 11, 24, 20, 0));
		expect(at('noon')).toEqual(local(2026, 11, 24, 12, 0));
	});

	it('reads days-then-clock as that clock time on the day so many days from today (pueue)', () => {
		expect(at('1d 03:00')).toEqual(local(2026, 11, 24, 3, 0));
		expect(at('2 days 18:00')).toEqual(local(2026, 11, 25, 18, 0));
	});
});

describe('parseWhen: dates', () => {
	it('reads dates with English month names, loose numbers and am/pm', () => {
		expect(at('April 1 2030 18:30:00')).toEqual(local(2030, 4, 1, 18, 30));
		expect(at('2030-4-1 5pm')).toEqual(local(2030, 4, 1, 17, 0));
		expect(at('2030-4-1 18:2:30')).toEqual(local(2030, 4, 1, 18, 2, 30));
		expect(at('1 Apr 8:30pm')).toEqual(local(2027, 4, 1, 20, 30));
		expect(at('Dec 25 10:00')).toEqual(local(2026, 12, 25, 10, 0));
	});

	it('refuses numeric dates that do not exist, never reading them another way', () => {
		expect(() => at('2030-13-01')).toThrow(/^invalid date "2030-13-01": there is no month 13 \(read as year-month-day\)/);
		expect(() => at('13/1/2030')).toThrow(/^invalid date "13\/1\/2030": there is no month 13 \(read as month\/day, as in the US\)/);
		expect(() => at('2030-02-30')).toThrow(/February has no day 30/);
		expect(() => at('2030-04-31 10:00')).toThrow(/April has no day 31/);
		expect(at('2028-02-29')).toEqual(local(2028, 2, 29, 0, 0));
	});

	it('reads a date without a time as its midnight; without a year as its next occurrence', () => {
		expect(at('2026-12-01')).toEqual(local(2026, 12, 1, 0, 0));
		expect(at('4/1')).toEqual(local(2027, 4, 1, 0, 0));
	});

	it('reads ISO times in local time, or in the zone they name', () => {
		expect(at('2026-12-01T08:00')).toEqual(local(2026, 12, 1, 8, 0));
		expect(at('2026-12-01 08:00')).toEqual(local(2026, 12, 1, 8, 0));
		expect(at('2026-12-01T08:00:30')).toEqual(local(2026, 12, 1, 8, 0, 30));
		expect(parseWhen('2026-12-01T08:00:00Z', now)).toBe(Date.UTC(2026, 11, 1, 8));
		expect(parseWhen('2026-12-01T08:00+02:00', now)).toBe(Date.UTC(2026, 11, 1, 6));
	});
});

describe('parseWhen: across a daylight-saving change', () => {
	// Node re-reads TZ when it changes; New York moves its clocks on 2026-03-08.
	const zone = process.env.TZ;
	beforeAll(() => {
		process.env.TZ = 'America/New_York';
	});
	afterAll(() => {
		if (zone === undefined) delete process.env.TZ;
		else process.env.TZ = zone;
	});

	it('keeps the clock time the text names, on the calendar', () => {
		const saturday = new Date(2026, 2, 7, 17, 30).getTime();
		expect(new Date(saturday).getTimezoneOffset()).toBe(300);
		expect(at('tomorrow 9:00', saturday)).toEqual(local(2026, 3, 8, 9, 0));
		expect(at('1d 03:00', saturday)).toEqual(local(2026, 3, 8, 3, 0));
		expect(at('1 week', saturday)).toEqual(local(2026, 3, 14, 17, 30));
		expect(at('1d', saturday)).toEqual(local(2026, 3, 8, 17, 30));
		expect(at('4 months', saturday)).toEqual(local(2026, 7, 7, 17, 30));
		expect(at('monday 9:00', saturday)).toEqual(local(2026, 3, 9, 9, 0));
		// Hours are hours: 24 of them from 17:30 EST is 18:30 EDT.
		expect(at('24h', saturday)).toEqual(local(2026, 3, 8, 18, 30));
	});
});

describe('parseWhen: refusals', () => {
	it('refuses a time in the past, saying when that was and what to write', () => {
		for (const text of ['yesterday', '5 minutes ago', '2020-04-01T18:30:00', 'April 1 2020', 'today 9:00', 'today']) {
			expect(() => parseWhen(text, now), text).toThrow(/is in the past \(\d{4}-\d\d-\d\d \d\d:\d\d\).*now/);
		}

		expect(() => parseWhen('today 9:00', now)).toThrow('"today 9:00" is in the past (2026-11-23 09:00)');
		expect(() => parseWhen('today 9:00', now)).toThrow(expect.objectContaining({name: 'InputError'}));
	});

	it('refuses text it cannot read whole, listing what works', () => {
		for (const text of ['next tuesday-ish', 'banana', '25:00', 'tomorrow 25:00', '5 fortnights', '9:00-10:00', 'in', '']) {
			expect(() => parseWhen(text, now), text).toThrow(/^invalid time ".*": write a delay \(.*\) or "in 5 minutes", a clock time \(.*\), a day \(.*\), a date \(.*\) or now$/);
		}

		expect(() => parseWhen('banana', now)).toThrow(
			'invalid time "banana": write a delay (30s, 10m, 2h30m, 1d) or "in 5 minutes", a clock time (18:30, 5pm), a day (tomorrow, "tomorrow 9:00", wednesday, "wednesday 10:30pm", "1d 03:00"), a date (2026-12-01T08:00, "2026-12-01 08:00", "April 1 2030 18:30") or now',
		);
		expect(() => parseWhen('banana', now)).toThrow(expect.objectContaining({name: 'InputError'}));
	});
});

describe('ids', () => {
	it('accepts lists and ranges', () => {
		expect(parseIds(['3', '5', '7-9'])).toEqual([3, 5, 7, 8, 9]);
		expect(parseIds(['1,2', '2'])).toEqual([1, 2]);
	});

	it('refuses what is not an id', () => {
		expect(() => parseIds(['x'])).toThrow(/invalid task id "x"/);
		expect(() => parseIds(['9-7'])).toThrow(/smaller id first/);
	});
});

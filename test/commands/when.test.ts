import {describe, expect, it} from 'vitest';
import {parseDuration, parseWhen} from '../../source/shared/when.js';
import {parseIds} from '../../source/shared/ids.js';

describe('durations and times', () => {
	const now = new Date(2026, 10, 23, 17, 30, 0).getTime();
	it('parses delays', () => {
		expect(parseDuration('10m')).toBe(600_000);
		expect(parseDuration('2h30m')).toBe(9_000_000);
		expect(parseDuration('1.5s')).toBe(1500);
		expect(parseDuration('soon')).toBeUndefined();
		expect(parseWhen('10m', now)).toBe(now + 600_000);
	});

	it('parses clock times, tomorrow and ISO times', () => {
		expect(new Date(parseWhen('tomorrow 9:00', now))).toEqual(new Date(2026, 10, 24, 9, 0, 0));
		expect(new Date(parseWhen('18:00', now))).toEqual(new Date(2026, 10, 23, 18, 0, 0));
		expect(new Date(parseWhen('9:00', now))).toEqual(new Date(2026, 10, 24, 9, 0, 0));
		expect(parseWhen('2026-12-01T08:00:00Z', now)).toBe(Date.UTC(2026, 11, 1, 8));
		expect(new Date(parseWhen('2026-12-01 08:00', now))).toEqual(new Date(2026, 11, 1, 8, 0));
	});

	it('says what to write instead of a bad time', () => {
		expect(() => parseWhen('next week', now)).toThrow(/write a delay \(30s, 10m, 2h30m, 1d\)/);
		expect(() => parseWhen('25:00', now)).toThrow(/invalid time/);
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

// Small building blocks for the runtime schemas of messages.
import * as v from 'valibot';

export const uint = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));
export const int = v.pipe(v.number(), v.integer(), v.safeInteger());
export const bytes = v.instance(Uint8Array);
export const bytesOfLength = (length: number) =>
	v.pipe(
		v.instance(Uint8Array),
		v.check((value) => value.length === length, `must be a byte string of ${length} bytes`),
	);
export const text = (maxBytes = 1024 * 1024) =>
	v.pipe(
		v.string(),
		v.check((value) => Buffer.byteLength(value) <= maxBytes, `must be at most ${maxBytes} bytes of UTF-8`),
	);

/** Turns a valibot failure into one readable line: "field: problem". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	const first = issues[0];
	if (!first) return 'invalid message';
	const path = v.getDotPath(first);
	return path ? `${path}: ${first.message}` : first.message;
}

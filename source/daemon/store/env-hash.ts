// Environment snapshots are deduplicated by content: most tasks added from one
// shell carry the same environment, and storing a copy per task is what makes
// pueue's state grow. The canonical form is a JSON array of [key, value]
// pairs sorted by key — an array, not an object, because JS orders
// integer-like object keys ("1") first whatever order they were added in.
import {createHash} from 'node:crypto';
import type {Env} from '../state/types.js';

export type EncodedEnv = {
	/** sha256 of `data`, hex. */
	hash: string;
	/** The canonical encoding; also what the envs table stores. */
	data: string;
};

const byKey = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function encodeEnv(env: Env): EncodedEnv {
	const data = JSON.stringify(Object.entries(env).sort(byKey));
	return {hash: createHash('sha256').update(data).digest('hex'), data};
}

export function decodeEnv(data: string): Env {
	// fromEntries defines own properties, so even a variable named __proto__ survives.
	return Object.fromEntries(JSON.parse(data) as Array<[string, string]>);
}

// Task ids on the command line: lists and ranges ("3 5 7-9", "3,5,7-9").
import {InputError} from './input-error.js';

const maxRange = 100_000;

/** One task id (throws the same usage errors as parseIds). */
export function parseId(arg: string): number {
	return parseIds([arg])[0]!;
}

export function parseIds(args: readonly string[]): number[] {
	const ids: number[] = [];
	for (const arg of args.flatMap((value) => value.split(',')).filter((value) => value !== '')) {
		const range = /^(\d+)-(\d+)$/.exec(arg);
		if (range) {
			const from = Number(range[1]);
			const to = Number(range[2]);
			if (to < from) throw new InputError(`invalid id range ${arg}: write the smaller id first, e.g. ${to}-${from}`);
			if (to - from >= maxRange) throw new InputError(`id range ${arg} is too large (at most ${maxRange} ids)`);
			for (let id = from; id <= to; id++) ids.push(id);
		} else if (/^\d+$/.test(arg) && Number.isSafeInteger(Number(arg))) {
			ids.push(Number(arg));
		} else {
			throw new InputError(`invalid task id ${JSON.stringify(arg)}: write ids as numbers or ranges, e.g. 3 5 7-9`);
		}
	}

	return [...new Set(ids)];
}

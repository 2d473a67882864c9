// Task ids on the command line: lists and ranges ("3 5 7-9", "3,5,7-9").
import {usageError} from './exit-codes.js';

const maxRange = 100_000;

export function parseIds(args: readonly string[]): number[] {
	const ids: number[] = [];
	for (const arg of args.flatMap((value) => value.split(',')).filter((value) => value !== '')) {
		const range = /^(\d+)-(\d+)$/.exec(arg);
		if (range) {
			const from = Number(range[1]);
			const to = Number(range[2]);
			if (to < from) throw usageError(`invalid id range ${arg}: write the smaller id first, e.g. ${to}-${from}`);
			if (to - from >= maxRange) throw usageError(`id range ${arg} is too large (at most ${maxRange} ids)`);
			for (let id = from; id <= to; id++) ids.push(id);
		} else if (/^\d+$/.test(arg) && Number.isSafeInteger(Number(arg))) {
			ids.push(Number(arg));
		} else {
			throw usageError(`invalid task id ${JSON.stringify(arg)}: write ids as numbers or ranges, e.g. 3 5 7-9`);
		}
	}

	return [...new Set(ids)];
}

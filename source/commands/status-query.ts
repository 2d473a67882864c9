// pueue's status query words, turned into the filters of a Status request:
//
//   status=failed,running  label%=nightly  command%=make  group=gpu
//   order_by start desc    first 10        last 5
//
// and task ids, as `spool status 3 5 7-9` (or 3,5,7-9) takes them: only those.
//
// The daemon matches label and command by case-insensitive "contains" only,
// so `label=x` means the same as `label%=x` (pueue's `=` is exact; ours is
// looser, never stricter). Every word is one argv item; a value may hold
// spaces when quoted as one (`'label=nightly build'`), and keyword phrases may
// come as one quoted item too (`'order_by start desc'`).
import type {Request} from '../protocol/requests.js';
import {parseIds} from '../shared/ids.js';
import {InputError} from '../shared/input-error.js';
import {usageError} from './exit-codes.js';

export type StatusFilter = Omit<Request<'Status'>, 'type'>;

export type StatusQuery = {
	filter: StatusFilter;
	/**
	 * Whether the query hides tasks by more than their group (ids, status,
	 * label, command, first, last): then groups without a match are not shown.
	 */
	filtered: boolean;
};

type StatusValue = NonNullable<StatusFilter['status']>[number];
type OrderBy = NonNullable<StatusFilter['orderBy']>;

const statusWords: Record<string, StatusValue> = {
	queued: 'Queued',
	stashed: 'Stashed',
	running: 'Running',
	paused: 'Paused',
	done: 'Done',
	success: 'Success',
	failed: 'Failed',
};

const orderWords: Record<string, OrderBy> = {
	id: 'id',
	priority: 'priority',
	status: 'status',
	label: 'label',
	command: 'command',
	created: 'createdAt',
	start: 'startedAt',
	end: 'endedAt',
};

const example = 'e.g. `spool status status=failed,running label%=nightly order_by start desc first 10`';

const fail = (message: string) => usageError(`invalid status query: ${message}; ${example}`);

function splitWords(argv: readonly string[]): string[] {
	// `key=value` items keep their value whole; anything else splits on blanks.
	return argv.flatMap((item) => (/^\s*\w+%?=/.test(item) ? [item.trim()] : item.split(/\s+/).filter((word) => word !== '')));
}

function count(keyword: string, word: string | undefined): number {
	if (word === undefined) throw fail(`\`${keyword}\` needs a number after it, as in \`${keyword} 10\``);
	if (!/^\d+$/.test(word) || !Number.isSafeInteger(Number(word))) {
		throw fail(`\`${keyword}\` needs a whole number, not ${JSON.stringify(word)}`);
	}

	return Number(word);
}

export function parseStatusQuery(argv: readonly string[]): StatusQuery {
	const words = splitWords(argv);
	const filter: StatusFilter = {};
	const statuses = new Set<StatusValue>();
	const ids = new Set<number>();
	let filtered = false;
	const setOnce = (key: 'label' | 'command' | 'group', value: string) => {
		if (filter[key] !== undefined && filter[key] !== value) throw fail(`\`${key}\` is given twice (${JSON.stringify(filter[key])} and ${JSON.stringify(value)})`);
		filter[key] = value;
		if (key !== 'group') filtered = true;
	};

	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		const pair = /^(\w+)(%?=)(.*)$/s.exec(word);
		if (pair) {
			const [, rawKey, , value] = pair;
			const key = rawKey!.toLowerCase();
			if (key === 'status') {
				const names = value!.split(',').filter((name) => name !== '');
				if (names.length === 0) throw fail(`\`status=\` needs a value: ${Object.keys(statusWords).join(', ')}`);
				for (const name of names) {
					const status = Object.hasOwn(statusWords, name.toLowerCase()) ? statusWords[name.toLowerCase()] : undefined;
					if (!status) throw fail(`unknown status ${JSON.stringify(name)} (known: ${Object.keys(statusWords).join(', ')})`);
					statuses.add(status);
				}

				filtered = true;
			} else if (key === 'label' || key === 'command' || key === 'group') {
				if (value === '') throw fail(`\`${key}${pair[2]}\` needs a value`);
				if (key === 'group' && pair[2] === '%=') throw fail('groups match exactly: write `group=NAME`');
				setOnce(key, value!);
			} else {
				throw fail(`unknown filter ${JSON.stringify(`${rawKey}${pair[2]}`)} (known: status=, label=, label%=, command%=, group=)`);
			}

			continue;
		}

		if (/^[\d,-]+$/.test(word) && /\d/.test(word)) {
			let parsed: number[];
			try {
				parsed = parseIds([word]);
			} catch (error) {
				if (error instanceof InputError) throw fail(error.message);
				throw error;
			}

			for (const id of parsed) ids.add(id);
			filtered = true;
			continue;
		}

		const keyword = word.toLowerCase();
		if (keyword === 'order_by' || keyword === 'order-by') {
			const column = words[index + 1]?.toLowerCase();
			if (column === undefined || !Object.hasOwn(orderWords, column)) {
				throw fail(`\`order_by\` needs a column: ${Object.keys(orderWords).join(', ')}${column === undefined ? '' : ` (not ${JSON.stringify(words[index + 1])})`}`);
			}

			filter.orderBy = orderWords[column]!;
			index++;
			const direction = words[index + 1]?.toLowerCase();
			if (direction === 'asc' || direction === 'desc') {
				filter.descending = direction === 'desc';
				index++;
			}
		} else if (keyword === 'first' || keyword === 'last') {
			filter[keyword] = count(keyword, words[index + 1]);
			filtered = true;
			index++;
		} else {
			throw fail(`unknown word ${JSON.stringify(word)}`);
		}
	}

	if (statuses.size > 0) filter.status = [...statuses];
	if (ids.size > 0) filter.ids = [...ids];
	return {filter, filtered};
}

import {describe, expect, it} from 'vitest';
import {CommandError} from '../../source/commands/exit-codes.js';
import {parseStatusQuery} from '../../source/commands/status-query.js';

function usageMessage(words: string[]): string {
	try {
		parseStatusQuery(words);
	} catch (error) {
		expect(error).toBeInstanceOf(CommandError);
		expect((error as CommandError).exitCode).toBe(2);
		return (error as CommandError).message;
	}

	throw new Error(`expected ${JSON.stringify(words)} to be refused`);
}

describe('parseStatusQuery', () => {
	it('means no filter at all for no words', () => {
		expect(parseStatusQuery([])).toEqual({filter: {}, filtered: false});
	});

	it('maps status words to the request values, repeatable and as comma lists, without duplicates', () => {
		expect(parseStatusQuery(['status=failed']).filter).toEqual({status: ['Failed']});
		expect(parseStatusQuery(['status=failed,Running', 'status=success', 'status=failed']).filter.status).toEqual(['Failed', 'Running', 'Success']);
		expect(parseStatusQuery(['status=queued,stashed,paused,done']).filter.status).toEqual(['Queued', 'Stashed', 'Paused', 'Done']);
		expect(parseStatusQuery(['status=failed']).filtered).toBe(true);
	});

	it('treats label= and label%= alike (the daemon matches by contains), and command%= too', () => {
		expect(parseStatusQuery(['label=nightly']).filter).toEqual({label: 'nightly'});
		expect(parseStatusQuery(['label%=nightly']).filter).toEqual({label: 'nightly'});
		expect(parseStatusQuery(['command%=make', 'command=make']).filter).toEqual({command: 'make'});
		expect(parseStatusQuery(['label=nightly build']).filter).toEqual({label: 'nightly build'});
		expect(parseStatusQuery(['command%=a=b']).filter).toEqual({command: 'a=b'});
	});

	it('takes a group, which narrows without counting as a filter (its empty header still shows)', () => {
		expect(parseStatusQuery(['group=gpu'])).toEqual({filter: {group: 'gpu'}, filtered: false});
	});

	it('reads order_by with an optional direction, and first/last counts', () => {
		expect(parseStatusQuery(['order_by', 'start', 'desc']).filter).toEqual({orderBy: 'startedAt', descending: true});
		expect(parseStatusQuery(['order_by', 'end', 'asc']).filter).toEqual({orderBy: 'endedAt', descending: false});
		expect(parseStatusQuery(['order_by', 'created']).filter).toEqual({orderBy: 'createdAt'});
		expect(parseStatusQuery(['order_by', 'priority']).filter).toEqual({orderBy: 'priority'});
		expect(parseStatusQuery(['order_by', 'id']).filtered).toBe(false);
		expect(parseStatusQuery(['first', '10']).filter).toEqual({first: 10});
		expect(parseStatusQuery(['last', '3']).filter).toEqual({last: 3});
		expect(parseStatusQuery(['last', '3']).filtered).toBe(true);
	});

	it('takes task ids, lists and ranges, anywhere but after first/last', () => {
		expect(parseStatusQuery(['3', '5,7-9'])).toEqual({filter: {ids: [3, 5, 7, 8, 9]}, filtered: true});
		expect(parseStatusQuery(['first', '2', '4', 'status=done']).filter).toEqual({first: 2, ids: [4], status: ['Done']});
		expect(usageMessage(['9-3'])).toMatch(/invalid id range 9-3/);
	});

	it('accepts keyword phrases as one quoted word and combines everything', () => {
		expect(parseStatusQuery(['status=failed', 'label%=nightly', 'order_by start desc', 'first 5']).filter).toEqual({
			status: ['Failed'],
			label: 'nightly',
			orderBy: 'startedAt',
			descending: true,
			first: 5,
		});
	});

	it('refuses bad queries with what was wrong and an example', () => {
		expect(usageMessage(['status=broken'])).toMatch(/unknown status "broken".*known: queued.*e\.g\. `spool status/);
		expect(usageMessage(['status='])).toMatch(/needs a value/);
		expect(usageMessage(['colour=red'])).toMatch(/unknown filter "colour="/);
		expect(usageMessage(['label='])).toMatch(/`label=` needs a value/);
		expect(usageMessage(['group%=gp'])).toMatch(/groups match exactly/);
		expect(usageMessage(['label=a', 'label=b'])).toMatch(/`label` is given twice/);
		expect(usageMessage(['order_by'])).toMatch(/`order_by` needs a column: id, priority/);
		expect(usageMessage(['order_by', 'colour'])).toMatch(/not "colour"/);
		expect(usageMessage(['first'])).toMatch(/`first` needs a number/);
		expect(usageMessage(['last', 'ten'])).toMatch(/whole number, not "ten"/);
		expect(usageMessage(['failed'])).toMatch(/unknown word "failed"/);
	});
});

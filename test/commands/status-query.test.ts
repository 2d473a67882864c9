import {describe, expect, it} from 'vitest';
import {commandErrorOf} from '../../source/commands/exit-codes.js';
import {applyQuery, groupShown, parseStatusQuery} from '../../source/shared/status-query.js';
import {parseQueryTime} from '../../source/shared/query-time.js';
import {wireTask} from '../helpers/wire-task.js';

function usageMessage(words: string[]): string {
	try {
		parseStatusQuery(words);
	} catch (error) {
		// The CLI makes it a usage error: exit 2.
		const known = commandErrorOf(error);
		expect(known?.exitCode).toBe(2);
		return known!.message;
	}

	throw new Error(`expected ${JSON.stringify(words)} to be refused`);
}

describe('parseStatusQuery', () => {
	it('means no filter at all for no words', () => {
		expect(parseStatusQuery([])).toEqual({filter: {}, filtered: false, local: {conditions: []}});
	});

	it('maps status words to the request values, repeatable and as comma lists, without duplicates', () => {
		expect(parseStatusQuery(['status=failed']).filter).toEqual({status: ['Failed']});
		expect(parseStatusQuery(['status=failed,Running', 'status=success', 'status=failed']).filter.status).toEqual(['Failed', 'Running', 'Success']);
		expect(parseStatusQuery(['status=queued,stashed,paused,done']).filter.status).toEqual(['Queued', 'Stashed', 'Paused', 'Done']);
		expect(parseStatusQuery(['status=locked']).filter.status).toEqual(['Locked']);
		expect(parseStatusQuery(['status=failed']).filtered).toBe(true);
	});

	it('matches labels and commands exactly with =, by contains with %= (on the daemon), and not with !=', () => {
		expect(parseStatusQuery(['label%=nightly'])).toEqual({filter: {label: 'nightly'}, filtered: true, local: {conditions: []}});
		// The exact match is checked here; the daemon narrows by "contains" first.
		expect(parseStatusQuery(['label=nightly'])).toEqual({filter: {label: 'nightly'}, filtered: true, local: {conditions: [{field: 'label', op: '=', value: 'nightly'}]}});
		expect(parseStatusQuery(['label=nightly build']).local.conditions).toEqual([{field: 'label', op: '=', value: 'nightly build'}]);
		expect(parseStatusQuery(['command%=ma', 'command=make']).filter).toEqual({command: 'ma'});
		expect(parseStatusQuery(['command%=a=b']).filter).toEqual({command: 'a=b'});
		expect(parseStatusQuery(['label!=nightly', 'command!=true']).local.conditions).toEqual([
			{field: 'label', op: '!=', value: 'nightly'},
			{field: 'command', op: '!=', value: 'true'},
		]);
		expect(parseStatusQuery(['label!=nightly']).filter).toEqual({});
	});

	it('negates status with != (none of them) and groups with !=', () => {
		expect(parseStatusQuery(['status!=failed,running']).local.conditions).toEqual([{field: 'status', op: '!=', statuses: ['Failed', 'Running']}]);
		const other = parseStatusQuery(['group!=gpu']);
		expect(other).toEqual({filter: {}, filtered: false, local: {conditions: [{field: 'group', op: '!=', value: 'gpu'}]}});
		expect(groupShown(other, 'gpu')).toBe(false);
		expect(groupShown(other, 'default')).toBe(true);
	});

	it('chooses the columns, in order, with aliases and without duplicates', () => {
		expect(parseStatusQuery(['columns=id,status,command']).columns).toEqual(['id', 'status', 'command']);
		expect(parseStatusQuery(['columns=Command,id,prio,dependencies,enqueued,id']).columns).toEqual(['command', 'id', 'priority', 'after', 'enqueue_at']);
		expect(parseStatusQuery(['columns=id']).filtered).toBe(false);
	});

	it('compares start, end, enqueued and created with a day, a minute or a second', () => {
		const now = new Date(2026, 5, 15, 12, 30).getTime();
		const at = (...parts: number[]) => new Date(parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 0, parts[4] ?? 0, parts[5] ?? 0).getTime();
		expect(parseStatusQuery(['start>10:00'], now).local.conditions).toEqual([{field: 'startedAt', op: '>', from: at(2026, 5, 15, 10), to: at(2026, 5, 15, 10, 1)}]);
		expect(parseStatusQuery(['end<2026-12-01'], now).local.conditions).toEqual([{field: 'endedAt', op: '<', from: at(2026, 11, 1), to: at(2026, 11, 2)}]);
		expect(parseStatusQuery(['enqueued=2026-06-14 08:00:30'], now).local.conditions).toEqual([{field: 'enqueueAt', op: '=', from: at(2026, 5, 14, 8, 0, 30), to: at(2026, 5, 14, 8, 0, 31)}]);
		// The clock may come as the next word when the space was not quoted.
		expect(parseStatusQuery(['start>2026-06-14', '08:00', 'first', '2'], now).local).toEqual({
			conditions: [{field: 'startedAt', op: '>', from: at(2026, 5, 14, 8), to: at(2026, 5, 14, 8, 1)}],
			first: 2,
		});
		expect(parseStatusQuery(['created!=yesterday', 'enqueue_at>today'], now).local.conditions.map((condition) => condition.field)).toEqual(['createdAt', 'enqueueAt']);
	});

	it('parses query times: days, clock times (today, past or not), ISO with a zone; refuses impossible ones', () => {
		const now = new Date(2026, 0, 1, 0, 30).getTime();
		expect(parseQueryTime('yesterday', now)).toEqual({from: new Date(2025, 11, 31).getTime(), to: new Date(2026, 0, 1).getTime()});
		expect(parseQueryTime('23:59', now)).toEqual({from: new Date(2026, 0, 1, 23, 59).getTime(), to: new Date(2026, 0, 2).getTime()});
		expect(parseQueryTime('2026-03-04T05:06', now)?.from).toBe(new Date(2026, 2, 4, 5, 6).getTime());
		expect(parseQueryTime('2026-03-04T05:06:07Z', now)).toEqual({from: Date.UTC(2026, 2, 4, 5, 6, 7), to: Date.UTC(2026, 2, 4, 5, 6, 8)});
		for (const bad of ['', 'soon', '2026-02-30', '24:00', '10:60', '2026-03-04 5', '1h']) expect(parseQueryTime(bad, now), bad).toBeUndefined();
	});

	it('moves first and last here when it checks conditions itself, so they cut what matched', () => {
		expect(parseStatusQuery(['label%=x', 'first', '2']).filter).toEqual({label: 'x', first: 2});
		const query = parseStatusQuery(['label!=skip', 'last', '2']);
		expect(query.filter).toEqual({});
		expect(query.local.last).toBe(2);
		const tasks = [wireTask(1), wireTask(2), wireTask(3, {label: 'skip'}), wireTask(4)];
		expect(applyQuery(query, tasks).map((task) => task.id)).toEqual([2, 4]);
	});

	it('applies its conditions as pueue does: no label is no exact match, no time matches nothing', () => {
		const start = new Date(2026, 5, 15, 10, 0, 30).getTime();
		const tasks = [
			wireTask(1, {label: 'nightly', status: 'Done', result: 'Success', startedAt: start, endedAt: start + 1000}),
			wireTask(2, {label: 'Nightly', status: 'Done', result: 'Failed', startedAt: start + 60_000}),
			wireTask(3, {group: 'gpu', status: 'Running', startedAt: start - 3_600_000}),
			wireTask(4, {status: 'Queued'}),
		];
		const now = new Date(2026, 5, 15, 12).getTime();
		const ids = (...words: string[]) => applyQuery(parseStatusQuery(words, now), tasks).map((task) => task.id);
		expect(ids('label=nightly')).toEqual([1]);
		expect(ids('label!=nightly')).toEqual([2, 3, 4]);
		expect(ids('status!=failed,queued')).toEqual([1, 3]);
		expect(ids('status!=done')).toEqual([3, 4]);
		expect(ids('group!=gpu')).toEqual([1, 2, 4]);
		expect(ids('start=10:00')).toEqual([1]);
		expect(ids('start>10:00')).toEqual([2]);
		expect(ids('start<10:00')).toEqual([3]);
		expect(ids('start!=10:00')).toEqual([2, 3]);
		expect(ids('end>2026-06-14', 'end<2026-06-16')).toEqual([1]);
		expect(ids('start=today', 'status!=running')).toEqual([1, 2]);
	});

	it('takes a group, which narrows without counting as a filter (its empty header still shows)', () => {
		expect(parseStatusQuery(['group=gpu'])).toEqual({filter: {group: 'gpu'}, filtered: false, local: {conditions: []}});
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
		expect(parseStatusQuery(['3', '5,7-9'])).toEqual({filter: {ids: [3, 5, 7, 8, 9]}, filtered: true, local: {conditions: []}});
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
		expect(usageMessage(['label<x'])).toMatch(/`label` takes =, !=, %=, not </);
		expect(usageMessage(['status%=fail'])).toMatch(/`status` takes =, !=, not %=/);
		expect(usageMessage(['start%=10:00'])).toMatch(/`start` takes =, !=, <, >, not %=/);
		expect(usageMessage(['start>soon'])).toMatch(/`start>` needs a time: 2026-12-01, 10:00.*not "soon"/);
		expect(usageMessage(['columns=id,colour'])).toMatch(/unknown column "colour" \(known: id, status, priority/);
		expect(usageMessage(['columns!=id'])).toMatch(/`columns` takes =, not !=/);
		expect(usageMessage(['status!='])).toMatch(/`status!=` needs a value/);
		expect(usageMessage(['label!='])).toMatch(/`label!=` needs a value/);
		expect(usageMessage(['colour=red'])).toMatch(/known: columns=; status= and !=/);
	});
});

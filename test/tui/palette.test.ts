// The `:` palette offers the CLI's commands that make sense in the UI, read
// with their definitions; the command it shows is the one to paste into a
// shell; Tab completes commands, options, groups and task ids.
import {describe, expect, it} from 'vitest';
import {parsePalette} from '../../source/tui/palette.js';
import {completePalette, completePaletteAt} from '../../source/tui/palette-complete.js';
import {parseFilter} from '../../source/tui/task-filter.js';
import {wireTask} from '../helpers/wire-task.js';

const context = {cwd: '/work', env: {PATH: '/bin'}};

describe('palette commands', () => {
	it('shows the command as a shell takes it, quoted, with what was given', () => {
		expect(parsePalette('add -l nightly -a 3 echo a; sleep 2', context)).toMatchObject({
			kind: 'add',
			request: {type: 'Add', command: 'echo a; sleep 2', label: 'nightly', after: [3]},
			cli: "spool add -a 3 -l nightly -- 'echo a; sleep 2'",
		});
		expect(parsePalette('parallel 4 -g gpu', context)).toMatchObject({kind: 'request', cli: 'spool parallel 4 -g gpu', done: 'Group gpu runs 4 at once'});
		// A relative directory is the UI's: the command shown has it absolute, as the daemon gets it.
		expect(parsePalette('add -w sub make', context)).toMatchObject({request: {cwd: '/work/sub'}, cli: 'spool add -w /work/sub -- make'});
		expect(parsePalette('kill 3 -s INT', {...context, connection: {home: '/h'}})).toMatchObject({cli: 'spool --home /h kill 3 -s INT'});
	});

	it('refuses and reads what the CLI refuses and reads', () => {
		expect(() => parsePalette('add -s -i make', context)).toThrow('--immediate and --stashed contradict each other');
		expect(() => parsePalette('add -i -d 10m make', context)).toThrow('--immediate and --delay contradict each other');
		expect(parsePalette('kill 3 -s 9', context)).toMatchObject({request: {type: 'Kill', ids: [3], signal: 'SIGKILL'}});
		expect(() => parsePalette('kill 3 -s BOGUS', context)).toThrow('unknown signal "BOGUS"');
		// Without ids, as spool kill: the running tasks of the default group; asked first, as x asks.
		expect(parsePalette('kill', context)).toMatchObject({kind: 'confirm', question: 'Kill the running tasks of group default?', request: {type: 'Kill', group: 'default'}, cli: 'spool kill'});
		expect(parsePalette('kill --all', context)).toMatchObject({kind: 'confirm', question: 'Kill every running task?', request: {type: 'Kill', all: true}});
	});

	it('restart takes its flags and names the new task, as r does', () => {
		expect(parsePalette('restart 4 -s -k', context)).toMatchObject({
			kind: 'restart',
			from: [4],
			request: {type: 'Restart', ids: [4], inPlace: false, stashed: true, immediate: true},
			cli: 'spool restart 4 -s -k',
		});
		expect(parsePalette('restart --all-failed -g gpu', context)).toMatchObject({kind: 'request', request: {type: 'Restart', allFailed: true, group: 'gpu'}});
	});

	it('status takes the query words as the filter of the table', () => {
		expect(parsePalette('status status=failed label%=night', context)).toEqual({kind: 'filter', filter: 'status=failed label%=night', cli: 'spool status status=failed label%=night'});
		expect(parsePalette('status 3 5-6 -g gpu', context)).toMatchObject({kind: 'filter', filter: 'id:3,5,6 group=gpu'});
		expect(parsePalette('status', context)).toMatchObject({kind: 'filter', filter: ''});
		expect(() => parsePalette('status status=bogus', context)).toThrow(/unknown status "bogus"/);
		expect(() => parsePalette('status order_by end', context)).toThrow(/order_by/);
		expect(() => parsePalette('status group=a -g b', context)).toThrow(/given twice/);
	});

	it('log and follow show a task in the log pane; env show its environment', () => {
		expect(parsePalette('log 4', context)).toEqual({kind: 'log', id: 4, follow: false});
		expect(parsePalette('follow 4', context)).toEqual({kind: 'log', id: 4, follow: true});
		expect(() => parsePalette('log 4 5', context)).toThrow(/one task/);
		expect(parsePalette('env show 4', context)).toEqual({kind: 'env', id: 4, cli: 'spool env show 4'});
		expect(parsePalette('env set 4 A "b c"', context)).toMatchObject({kind: 'request', request: {type: 'EnvSet', task: 4, key: 'A', value: 'b c'}, cli: "spool env set 4 A 'b c'"});
	});

	it('group and workers open the panel; group add and remove change groups; reset asks first', () => {
		expect(parsePalette('group', context)).toEqual({kind: 'panel'});
		expect(parsePalette('workers', context)).toEqual({kind: 'panel'});
		expect(parsePalette('group add gpu -p 2', context)).toMatchObject({kind: 'request', request: {type: 'GroupAdd', name: 'gpu', parallel: 2}, cli: 'spool group add gpu -p 2'});
		expect(parsePalette('reset -g gpu', context)).toMatchObject({
			kind: 'confirm',
			question: 'Kill every task of group gpu and remove them all, with their logs?',
			request: {type: 'Reset', group: 'gpu'},
			cli: 'spool reset -g gpu',
		});
		expect(parsePalette('reset', context)).toMatchObject({kind: 'confirm', request: {type: 'Reset'}});
	});

	it('help shows a command, as spool help does', () => {
		expect(parsePalette('help kill', context)).toMatchObject({kind: 'help', title: 'spool kill', lines: expect.arrayContaining(['    spool kill [<ids> | -g <group> | --all] [-s SIGNAL]'])});
		expect(parsePalette('help', context)).toMatchObject({
			kind: 'help',
			title: 'Commands of the palette',
			lines: expect.arrayContaining([expect.stringMatching(/^details +Show everything about a task/)]),
		});
		expect(parsePalette('help details', context)).toMatchObject({kind: 'help', title: 'details', lines: expect.arrayContaining(['Usage: details [id]'])});
		expect(() => parsePalette('detials', context)).toThrow(/did you mean details\?.*, details$/);
	});
});

describe('the filter takes status query words', () => {
	const tasks = [
		wireTask(1, {command: 'make test', status: 'Done', result: 'Failed', label: 'nightly'}),
		wireTask(2, {command: 'make build', status: 'Done', result: 'Success', group: 'gpu', label: 'Nightly build'}),
		wireTask(3, {command: 'sleep 9', status: 'Running'}),
	];
	const ids = (text: string) => tasks.filter(parseFilter(text)).map((task) => task.id);
	it('as spool status reads them, together with the filter words', () => {
		expect(ids('status=failed')).toEqual([1]);
		expect(ids('status!=success')).toEqual([1, 3]);
		expect(ids('label=nightly')).toEqual([1]);
		expect(ids('label%=NIGHT')).toEqual([1, 2]);
		expect(ids('group!=gpu make')).toEqual([1]);
		expect(ids('id:2-3')).toEqual([2, 3]);
		expect(ids('id:1,3')).toEqual([1, 3]);
		// Half typed, a query word matches nothing yet.
		expect(ids('status=fai')).toEqual([]);
		// Words with = that are not a query's are text to look for.
		expect(tasks.filter(parseFilter('SHARD=5')).length).toBe(0);
		expect([wireTask(9, {command: 'make SHARD=5'})].filter(parseFilter('shard=5')).map((task) => task.id)).toEqual([9]);
	});
});

describe('Tab in the palette', () => {
	const complete = (text: string) => completePalette(text, {groups: ['default', 'gpu', 'gpu-big'], ids: [3, 4, 31]});
	it('completes a command name', () => {
		expect(complete('para')).toEqual({text: 'parallel ', choices: []});
		expect(complete('re')).toEqual({text: 're', choices: ['remove', 'reset', 'restart']});
		expect(complete('res')).toEqual({text: 'res', choices: ['reset', 'restart']});
		expect(complete('rest')).toEqual({text: 'restart ', choices: []});
		expect(complete('zz')).toEqual({text: 'zz', choices: []});
	});

	it("completes a command's options, long and negated", () => {
		expect(complete('restart --in')).toEqual({text: 'restart --in-place ', choices: []});
		expect(complete('send 3 --no')).toEqual({text: 'send 3 --no-newline ', choices: []});
		expect(complete('kill -')).toMatchObject({choices: ['--all', '--group', '--signal']});
	});

	it('completes groups after a group option, and task ids where ids go', () => {
		expect(complete('parallel 2 -g g')).toEqual({text: 'parallel 2 -g gpu', choices: ['gpu', 'gpu-big']});
		expect(complete('parallel 2 --group gpu-')).toEqual({text: 'parallel 2 --group gpu-big ', choices: []});
		expect(complete('kill 3')).toEqual({text: 'kill 3', choices: ['3', '31']});
		expect(complete('kill 4')).toEqual({text: 'kill 4 ', choices: []});
		expect(complete('kill -s SIGK')).toEqual({text: 'kill -s SIGKILL ', choices: []});
		expect(complete('group remove gpu-')).toEqual({text: 'group remove gpu-big ', choices: []});
	});

	it('completes the sub-commands and the words of a status query', () => {
		expect(complete('env s')).toEqual({text: 'env s', choices: ['set', 'show']});
		expect(complete('env show ')).toEqual({text: 'env show ', choices: ['3', '4', '31']});
		expect(complete('status sta')).toEqual({text: 'status status', choices: ['status!=', 'status=']});
		expect(complete('status status=fa')).toEqual({text: 'status status=failed ', choices: []});
		expect(complete('status group=g')).toEqual({text: 'status group=gpu', choices: ['group=gpu', 'group=gpu-big']});
	});

	it("completes details, the UI's own entry, and a task id after it", () => {
		expect(complete('det')).toEqual({text: 'details ', choices: []});
		expect(complete('details 3')).toEqual({text: 'details 3', choices: ['3', '31']});
		expect(complete('details 4 ')).toEqual({text: 'details 4 ', choices: []});
		expect(complete('help det')).toEqual({text: 'help details ', choices: []});
	});

	it('completes nothing in the command of add', () => {
		expect(complete('add -g gpu make te')).toEqual({text: 'add -g gpu make te', choices: []});
	});

	describe('with the cursor not at the end', () => {
		const at = (text: string) => completePaletteAt(text.replace('|', ''), text.indexOf('|'), {groups: ['default', 'gpu', 'gpu-big'], ids: [3, 4, 31]});
		it('at the end: as completePalette, the cursor after the completion', () => {
			expect(at('para|')).toEqual({text: 'parallel ', cursor: 9, choices: []});
		});

		it('before a space: completes the word before the cursor and keeps the rest, with no second space', () => {
			expect(at('para| 3')).toEqual({text: 'parallel 3', cursor: 9, choices: []});
			expect(at('parallel 2 -g g| --x')).toEqual({text: 'parallel 2 -g gpu --x', cursor: 17, choices: ['gpu', 'gpu-big']});
			expect(at('parallel 2 | -g gpu')).toEqual({text: 'parallel 2  -g gpu', cursor: 11, choices: []});
			expect(at('kill | 4')).toEqual({text: 'kill  4', cursor: 5, choices: ['3', '4', '31']});
		});

		it('inside a word or an open quote: nothing', () => {
			expect(at('pa|ra 3')).toEqual({text: 'para 3', cursor: 2, choices: []});
			expect(at("group remove 'gp| x'")).toEqual({text: "group remove 'gp x'", cursor: 16, choices: []});
		});
	});
});

// The ids and groups the completion scripts read from `spool status --json`
// and `spool group --json`, from both shapes those documents take: today's
// (status the daemon's reply, group a bare list) and the documented one
// ({tasks, groups, daemon} and {groups}). bash, zsh and fish run the same awk
// and sed, run here for real; elvish, PowerShell and nushell parse the JSON,
// and their scripts are checked for handling both shapes.
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {groupsSed, tasksAwk} from '../../source/commands/completion-scripts/daemon-queries.js';
import {elvishScript} from '../../source/commands/completion-scripts/elvish.js';
import {nushellScript} from '../../source/commands/completion-scripts/nushell.js';
import {powershellScript} from '../../source/commands/completion-scripts/powershell.js';

/** As printJson writes it: pretty-printed, two spaces. */
const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const group = (name: string) => ({name, status: 'Running', parallel: 1});
const groups = [group('default'), group('gpu')];
const daemon = {version: '0.1.0', pid: 4242, startedAt: 1_796_290_602_473, problem: null};
const task = (id: number, command: string, more: Record<string, unknown> = {}) => ({
	id,
	command,
	cwd: '/tmp',
	group: 'default',
	label: null,
	priority: 0,
	after: id > 1 ? [1] : [],
	status: 'Queued',
	result: null,
	worker: id === 1 ? 'local' : null,
	...more,
});
const tasks = [task(1, 'sleep 600'), task(2, 'echo "hi there"', {env: {PATH: '/usr/bin', id: '7'}}), task(3, 'x'.repeat(70))];

const documents = {
	// status: the daemon's reply as main prints it today (workers too, each with a "name" and no id).
	current: {
		status: {daemon, groups, workers: [{name: 'local', slots: 0, used: 1, groups: null}], tasks: tasks.map((each) => ({...each, cols: 120, rows: 40, attempt: 1}))},
		group: groups,
	},
	// docs/cli-json.md's shapes.
	documented: {status: {tasks, groups, daemon}, group: {groups}},
};

function run(tool: string, args: string[], input: string): string[] {
	const result = spawnSync(tool, args, {input, encoding: 'utf8'});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	return result.stdout.split('\n').filter((line) => line !== '');
}

describe.each(Object.entries(documents))('the %s shape', (_shape, document) => {
	it('gives bash, zsh and fish every task id with its command (cut to 60), and nothing else', () => {
		expect(run('awk', [tasksAwk], pretty(document.status))).toEqual(['1\tsleep 600', '2\techo "hi there"', `3\t${'x'.repeat(57)}...`]);
	});

	it('gives bash, zsh and fish every group name', () => {
		expect(run('sed', ['-n', groupsSed], pretty(document.group))).toEqual(['default', 'gpu']);
	});
});

describe('the shells that parse the JSON', () => {
	it('take the groups from a bare list or from an object holding them under "groups"', () => {
		expect(elvishScript()).toContain('if (and (eq (kind-of $doc) map) (has-key $doc groups)) { set groups = $doc[groups] }');
		expect(powershellScript()).toContain("@($groups[0].PSObject.Properties.Name) -contains 'groups') { $groups = @($groups[0].groups) }");
		expect(nushellScript()).toContain("let groups = if (($doc | describe) | str starts-with 'record') and ('groups' in ($doc | columns)) { $doc.groups } else { $doc }");
	});

	it('take a task wherever it sits: any object with an id and a string command', () => {
		expect(elvishScript()).toContain('if (and (has-key $value id) (has-key $value command) (eq (kind-of $value[command]) string)) {');
		expect(powershellScript()).toContain("if ($names -contains 'id' -and $names -contains 'command' -and $value.command -is [string]) {");
		expect(nushellScript()).toContain("if ('id' in $keys) and ('command' in $keys) and (($value.command | describe) == 'string') {");
	});
});

// The config file's `aliases`: the first word of a command is replaced when
// the task starts, as pueue's aliases file does; the task keeps the command
// as it was typed.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runSpool} from '../helpers/spool-bin.js';
import {makeTempHome} from '../helpers/temp-home.js';
import {type SpoolHome, spoolHome} from '../commands/spool-home.js';

let h: SpoolHome;
beforeAll(() => {
	h = spoolHome();
	writeFileSync(path.join(h.home, 'config.json'), JSON.stringify({aliases: {greet: 'echo hello from', 'ls-like': 'printf "%s|"'}}));
});

afterAll(async () => {
	await h.stop();
});

describe('aliases (real binary)', () => {
	it('runs the alias in place of the first word; the task keeps the command as typed', async () => {
		const id = await h.add(['--', 'greet', 'the queue']);
		const other = await h.add(['--', '  ls-like a b']);
		// Only the first word is looked up: "greet" later in a command stays.
		const later = await h.add(['--', 'echo greet']);
		await h.ok(['wait', String(id), String(other), String(later)]);
		expect(await h.ok(['log', String(id), '--raw'])).toBe('hello from the queue\n');
		expect(await h.ok(['log', String(other), '--raw'])).toBe('a|b|');
		expect(await h.ok(['log', String(later), '--raw'])).toBe('greet\n');
		const task = (await h.tasks()).find((entry) => entry.id === id)!;
		expect(task).toMatchObject({command: 'greet the queue', result: 'Success'});
	});

	it('applies to an edited command too, since it is looked up at each start', async () => {
		const id = await h.add(['-s', '--', 'echo', 'plain']);
		await h.ok(['edit', String(id), '--command', 'greet edits']);
		await h.ok(['enqueue', String(id)]);
		await h.ok(['wait', String(id)]);
		expect(await h.ok(['log', String(id), '--raw'])).toBe('hello from edits\n');
	});
});

describe('aliases in the config file', () => {
	it('are refused when a name is not one word or a replacement is empty', async () => {
		for (const aliases of [{'two words': 'x'}, {'': 'x'}, {ok: ''}, {ok: 3}]) {
			const {home, cleanup} = makeTempHome();
			try {
				writeFileSync(path.join(home, 'config.json'), JSON.stringify({aliases}));
				const result = await runSpool(['daemon', '--home', home]);
				expect(result.code, JSON.stringify(aliases)).toBe(2);
				expect(result.stderr, JSON.stringify(aliases)).toMatch(/invalid config file .*: aliases.*(one word|must not be empty|Expected string)/);
			} finally {
				cleanup();
			}
		}
	});
});

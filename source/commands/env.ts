// `spool env show|set|unset`: reads any task's environment; changes a queued
// task's.
import {envCommand} from '../definitions/queue-commands.js';
import {exitCodes, usageError} from './exit-codes.js';
import {parseId} from '../shared/ids.js';
import {shellVariableName} from '../protocol/requests.js';
import {oneLine} from '../terminal/sanitize.js';
import {printJson, replyJson, sortedEnv} from './json-output.js';
import {type Parsed, parseCommand} from './parse.js';
import {runSimple} from './simple-request.js';
import {withClient} from './with-client.js';

const usage = 'write `spool env show <id>`, `spool env set <id> <KEY> <value>` or `spool env unset <id> <KEY>`';

/** `env show <id>`: KEY=value lines sorted by name (shown on one line each on a terminal), or `{"id", "env"}`. */
async function show(parsed: Parsed<typeof envCommand>): Promise<number> {
	const [, idText, ...rest] = parsed.input;
	if (idText === undefined) throw usageError('env show needs a task id: spool env show 4');
	if (rest.length > 0) throw usageError(`env show takes one task id; unexpected ${JSON.stringify(rest.join(' '))}`);
	const id = parseId(idText);
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'EnvGet', task: id});
		if (parsed.flags.json) {
			printJson(replyJson(reply));
			return exitCodes.ok;
		}

		// A terminal gets no control characters from a value; a pipe gets the values as they are.
		const shown = process.stdout.isTTY ? oneLine : (text: string) => text;
		const lines = Object.entries(sortedEnv(reply.env)).map(([key, value]) => `${shown(key)}=${shown(value)}\n`);
		process.stdout.write(lines.join(''));
		return exitCodes.ok;
	});
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, envCommand);
	if (parsed.input[0] === 'show') return show(parsed);
	return runSimple(
		argv,
		envCommand,
		({input}) => {
			const [action, idText, key, ...rest] = input;
			if ((action !== 'set' && action !== 'unset') || idText === undefined || key === undefined) throw usageError(usage);
			const id = parseId(idText);
			if (action === 'set' && !shellVariableName.test(key)) {
				throw usageError(`${JSON.stringify(key)} is not a variable name: use letters, digits and _, not starting with a digit (e.g. RUST_LOG)`);
			}

			if (key === '' || key.includes('=')) throw usageError(`${JSON.stringify(key)} is not a variable name`);
			if (action === 'set') {
				if (rest.length === 0) throw usageError(`env set needs a value: spool env set ${idText} ${key} <value>`);
				return {type: 'EnvSet', task: id, key, value: rest.join(' ')};
			}

			if (rest.length > 0) throw usageError('env unset takes no value');
			return {type: 'EnvUnset', task: id, key};
		},
		(_reply, {input}) => (input[0] === 'set' ? `Set ${input[2]} for task ${input[1]}.` : `Unset ${input[2]} for task ${input[1]}.`),
	);
}

// `spool env set|unset`: changes a queued task's environment.
import {envCommand} from '../definitions/queue-commands.js';
import {usageError} from './exit-codes.js';
import {parseId} from '../shared/ids.js';
import {shellVariableName} from '../protocol/requests.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		envCommand,
		({input}) => {
			const [action, idText, key, ...rest] = input;
			if ((action !== 'set' && action !== 'unset') || idText === undefined || key === undefined) {
				throw usageError('write `spool env set <id> <KEY> <value>` or `spool env unset <id> <KEY>`');
			}

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

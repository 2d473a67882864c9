// `spool parallel`: how many tasks of a group run at once.
import {parallelCommand} from '../definitions/control-commands.js';
import {usageError} from './exit-codes.js';
import {runSimple} from './simple-request.js';

export async function run(argv: string[]): Promise<number> {
	return runSimple(
		argv,
		parallelCommand,
		({input, flags}) => {
			const [text] = input;
			if (text === undefined || input.length !== 1 || !/^\d+$/.test(text)) {
				throw usageError(`parallel takes one whole number >= 0 (0 = unlimited), e.g. spool parallel 4${text === undefined ? '' : `, not ${JSON.stringify(input.join(' '))}`}`);
			}

			return {type: 'Parallel', parallel: Number(text), ...(flags.group ? {group: flags.group} : {})};
		},
		(reply) => {
			const {group} = reply;
			return `Group "${group.name}" now runs ${group.parallel === 0 ? 'any number of tasks' : `${group.parallel} task${group.parallel === 1 ? '' : 's'}`} at once.`;
		},
	);
}

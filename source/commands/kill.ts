// `spool kill`: ends running tasks (their whole process tree). Without ids or
// a group, the running tasks of the default group, as in pueue.
import {killCommand} from '../definitions/control-commands.js';
import {defaultGroup} from '../protocol/model.js';
import {exitCodes, usageError} from './exit-codes.js';
import {signalName, unknownSignal} from '../shared/signals.js';
import {idsJson, printJson} from './json-output.js';
import {parseCommand} from './parse.js';
import {describeIds, readSelection} from './selection.js';
import {withClient} from './with-client.js';

/** "; paused group "gpu", whose queued tasks would start next (…)": what the kill paused, and how to go on. */
function pausedText(groups: readonly string[]): string {
	if (groups.length === 0) return '';
	const names = groups.map((name) => JSON.stringify(name)).join(', ');
	const resume = groups.length === 1 ? `\`spool start -g ${groups[0]}\` resumes it` : '`spool start -g NAME` resumes one';
	return `; paused ${groups.length === 1 ? 'group' : 'groups'} ${names}, whose queued tasks would start next (${resume})`;
}

export async function run(argv: string[]): Promise<number> {
	const parsed = parseCommand(argv, killCommand);
	const {flags} = parsed;
	const given = readSelection(parsed.input, flags, {command: 'kill', required: false});
	const implicit = Object.keys(given).length === 0;
	const selection = implicit ? {group: defaultGroup} : given;
	const signal = flags.signal === undefined ? undefined : signalName(flags.signal);
	if (flags.signal !== undefined && !signal) throw usageError(unknownSignal(flags.signal));
	return withClient(parsed, async (client) => {
		const reply = await client.request({type: 'Kill', ...selection, ...(signal ? {signal} : {})});
		if (flags.json) printJson({...idsJson(reply), ...(reply.paused ? {paused: reply.paused} : {})});
		else process.stdout.write(`Signalled ${describeIds(reply.ids, 'no running task')}${implicit ? ` of group ${JSON.stringify(defaultGroup)}` : ''}${pausedText(reply.paused ?? [])}.\n`);
		return exitCodes.ok;
	});
}

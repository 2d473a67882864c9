// Commands that take several groups (`-g a -g b`) and send one request per
// group check them all first, so a misspelt name changes nothing.
import {type Client, DaemonError} from '../client/client.js';

/** The names given, once each, in the order given. */
export const uniqueGroups = (names: readonly string[]): string[] => [...new Set(names)];

/** Refuses as the daemon would (`not_found`) when one of the groups does not exist. */
export async function requireGroups(client: Client, names: readonly string[]): Promise<void> {
	const {groups} = await client.request({type: 'GroupList'});
	const known = new Set(groups.map((group) => group.name));
	const missing = names.find((name) => !known.has(name));
	if (missing !== undefined) throw new DaemonError('not_found', `no group ${JSON.stringify(missing)}; create it with \`spool group add ${missing}\``);
}

/** "group "a"", "groups "a" and "b"". */
export function describeGroups(names: readonly string[]): string {
	const quoted = names.map((name) => JSON.stringify(name));
	return quoted.length === 1 ? `group ${quoted[0]}` : `groups ${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

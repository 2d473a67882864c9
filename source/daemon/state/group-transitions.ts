// Group transitions: creating, removing and configuring groups, and their
// Running/Paused switch. Apart from the task transitions because they change
// a different record; like them, each checks first and throws
// TransitionError before touching anything.
import {defaultGroup, groupNamePattern, invalidGroupName} from '../../protocol/model.js';
import type {Changes} from './changes.js';
import {type State, TransitionError, getGroup} from './state.js';
import type {Group} from './types.js';

export function addGroup(state: State, name: string, parallel: number, changes: Changes): Group {
	if (!groupNamePattern.test(name)) {
		throw new TransitionError('bad_request', invalidGroupName(name));
	}

	if (state.groups.has(name)) throw new TransitionError('conflict', `group ${JSON.stringify(name)} already exists`);
	checkParallel(parallel);
	const group: Group = {name, status: 'Running', parallel};
	state.groups.set(name, group);
	changes.group(name);
	return group;
}

export function removeGroup(state: State, name: string, changes: Changes): void {
	getGroup(state, name);
	if (name === defaultGroup) throw new TransitionError('invalid_state', 'the default group cannot be removed');
	const unfinished = [...state.tasks.values()].filter((task) => task.group === name && task.status !== 'Done');
	if (unfinished.length > 0) {
		throw new TransitionError(
			'invalid_state',
			`group ${JSON.stringify(name)} still has ${unfinished.length} unfinished task(s) (${unfinished
				.slice(0, 5)
				.map((task) => task.id)
				.join(', ')}${unfinished.length > 5 ? ', …' : ''}); kill or remove them first, or \`spool reset -g ${name}\``,
		);
	}

	// Finished tasks of a removed group move to default so they stay visible.
	for (const task of state.tasks.values()) {
		if (task.group === name) {
			task.group = defaultGroup;
			changes.task(task.id);
		}
	}

	state.groups.delete(name);
	changes.removeGroup(name);
}

function checkParallel(parallel: number): void {
	if (!Number.isInteger(parallel) || parallel < 0) {
		throw new TransitionError('bad_request', `parallel must be a whole number >= 0 (0 = unlimited), not ${parallel}`);
	}
}

export function setParallel(state: State, name: string, parallel: number, changes: Changes): void {
	checkParallel(parallel);
	const group = getGroup(state, name);
	group.parallel = parallel;
	changes.group(name);
}

export function setGroupStatus(group: Group, status: Group['status'], changes: Changes): void {
	if (group.status !== status) {
		group.status = status;
		changes.group(group.name);
	}
}

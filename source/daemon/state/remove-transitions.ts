// Remove with `partial` (docs/protocol.md, "Remove"): of a mixed set, what
// can go goes and the rest is named with why. All-or-nothing Remove is
// removeTasks in transitions.ts; the rules (not running, no unfinished task
// outside the set waits for it) and the messages are the same.
import type {Refusal} from '../../protocol/replies.js';
import type {Changes} from './changes.js';
import type {State} from './state.js';
import {describeTask} from './state.js';
import {isActive} from './types.js';

/**
 * Remove, partial: removes the tasks of `ids` that can go (not running, and
 * no unfinished task outside them waits for them) and returns the others with
 * the code and message all-or-nothing `removeTasks` would have refused them
 * with. Leaving one can keep another of `ids` in place (it waits for it), so
 * the check repeats until nothing more drops out. Ids in request order.
 */
export function removeWhatCan(state: State, ids: readonly number[], changes: Changes): {removed: number[]; refused: Refusal[]} {
	const wanted = [...new Set(ids)];
	const refusals = new Map<number, Refusal>();
	const removing = new Set<number>();
	for (const id of wanted) {
		const task = state.tasks.get(id);
		if (!task) refusals.set(id, {id, code: 'not_found', message: `no task ${id}; \`spool status\` lists the tasks`});
		else if (isActive(task)) refusals.set(id, {id, code: 'invalid_state', message: `${describeTask(task)}: kill it first (\`spool kill ${id}\`)`});
		else removing.add(id);
	}

	for (;;) {
		const waiters = new Map<number, number[]>();
		for (const task of state.tasks.values()) {
			if (task.status === 'Done' || removing.has(task.id)) continue;
			for (const id of task.after) if (removing.has(id)) waiters.set(id, [...(waiters.get(id) ?? []), task.id]);
		}

		if (waiters.size === 0) break;
		for (const [id, by] of waiters) {
			removing.delete(id);
			const those = by.length === 1 ? 'that task' : 'those tasks';
			refusals.set(id, {id, code: 'invalid_state', message: `task ${by.join(', ')} depends on task ${id}; remove ${those} too, or first`});
		}
	}

	for (const id of removing) {
		state.tasks.delete(id);
		changes.removeTask(id);
	}

	return {removed: wanted.filter((id) => removing.has(id)), refused: wanted.filter((id) => refusals.has(id)).map((id) => refusals.get(id)!)};
}

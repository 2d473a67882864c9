import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {TransitionError, getGroup, getTasks} from '../state/state.js';
import {editTask, restartTasks} from '../state/transitions.js';

/** Restart finished tasks as new tasks, or in place; optionally edited, stashed or started at once. */
export const restart = defineHandler(requestSchemas.Restart, async (daemon, request, context) => {
	const {queue} = daemon;
	const restarted = await queue.mutate((changes, now) => {
		const {state} = queue;
		let tasks;
		if (request.ids?.length) {
			tasks = getTasks(state, request.ids);
		} else if (request.allFailed) {
			if (request.group !== undefined) getGroup(state, request.group);
			tasks = [...state.tasks.values()].filter(
				(task) => task.status === 'Done' && task.result !== 'Success' && (request.group === undefined || task.group === request.group),
			);
		} else {
			throw new TransitionError('bad_request', 'say which tasks to restart: ids, or allFailed (optionally with a group)');
		}

		const edited = request.command !== undefined || request.cwd !== undefined || request.label !== undefined || request.priority !== undefined;
		if (edited && tasks.length !== 1) throw new TransitionError('bad_request', 'edits apply to restarting exactly one task');
		// Checked before anything changes, so a bad edit refuses the whole restart.
		if (request.command?.trim() === '') throw new TransitionError('bad_request', 'the command must not be empty');
		if (request.cwd !== undefined && !request.cwd.startsWith('/')) throw new TransitionError('bad_request', 'cwd must be an absolute path');
		const result = restartTasks(state, tasks, {inPlace: request.inPlace ?? false, stashed: request.stashed ?? false}, now, changes);
		if (edited) {
			editTask(state, result[0]!.id, {command: request.command, cwd: request.cwd, label: request.label, priority: request.priority}, changes);
		}

		return result;
	});
	if (request.inPlace) queue.removeLogs(restarted.map((task) => task.id));
	if (request.immediate) await queue.forceStart(restarted);
	context.reply({type: 'Ok', ids: restarted.map((task) => task.id)});
});

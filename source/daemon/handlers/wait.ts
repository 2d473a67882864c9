import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {selectTasks} from '../state/state.js';
import type {Task} from '../state/types.js';
import {wireTask} from '../wire.js';

/** A task being edited (Locked) counts as the status it goes back to. */
const waiting = (task: Task) => task.lock?.from ?? task.status;

const reached = {
	queued: (task: Task) => waiting(task) !== 'Stashed',
	running: (task: Task) => waiting(task) !== 'Stashed' && waiting(task) !== 'Queued',
	done: (task: Task) => task.status === 'Done',
	success: (task: Task) => task.status === 'Done',
} as const;

/**
 * Wait: replies `Waited {re, tasks, success}` once every selected task reached
 * the status (removed tasks count as reached). Without ids or a group: all
 * tasks that exist now.
 */
export const wait = defineHandler(requestSchemas.Wait, (daemon, request, context) => {
	const {queue} = daemon;
	const selected = request.ids?.length || request.group !== undefined ? selectTasks(queue.state, request) : [...queue.state.tasks.values()];
	const ids = selected.map((task) => task.id);
	const condition = reached[request.status];
	const check = () => {
		const tasks = ids.map((id) => queue.state.tasks.get(id)).filter((task) => task !== undefined);
		if (!tasks.every((task) => condition(task))) return false;
		stop();
		context.streams.delete(context.id);
		context.reply({
			type: 'Waited',
			tasks: tasks.map((task) => wireTask(task)),
			success: tasks.every((task) => task.status !== 'Done' || task.result === 'Success'),
		});
		return true;
	};

	const stop = queue.events.listen(() => {
		check();
	});
	// Cancel ends a wait with End.
	context.openStream(stop);
	check();
});

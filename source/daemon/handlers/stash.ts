import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {selectTasks} from '../state/state.js';
import {enqueueTasks, stashTasks} from '../state/transitions.js';

export const stash = defineHandler(requestSchemas.Stash, async (daemon, request, context) => {
	const ids = await daemon.queue.mutate((changes) => {
		const selected = selectTasks(daemon.queue.state, request);
		// With a group or all, stash what is queued and leave the rest.
		const tasks = request.ids?.length ? selected : selected.filter((task) => task.status === 'Queued');
		stashTasks(tasks, changes);
		return tasks.map((task) => task.id);
	});
	context.reply({type: 'Ok', ids});
});

export const enqueue = defineHandler(requestSchemas.Enqueue, async (daemon, request, context) => {
	const ids = await daemon.queue.mutate((changes, now) => {
		const selected = selectTasks(daemon.queue.state, request);
		const tasks = request.ids?.length ? selected : selected.filter((task) => task.status === 'Stashed');
		enqueueTasks(tasks, request.at ?? null, now, changes);
		return tasks.map((task) => task.id);
	});
	context.reply({type: 'Ok', ids});
});

import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {Changes} from '../state/changes.js';
import {wireGroup, wireTask} from '../wire.js';
import {daemonInfo, sendTasks} from './status.js';

/**
 * Subscribe: `Snapshot {re, daemon, groups, workers, total}`, the tasks in
 * `Tasks` pieces, `Synced {re}`, then a push of every committed change:
 * `TaskChanged {re, task}`, `TasksRemoved {re, ids}`, `GroupChanged {re,
 * group}`, `GroupRemoved {re, name}`, `WorkersChanged {re, workers}`. A
 * subscriber that cannot keep up gets the latest state of what changed once
 * its socket drains, not every intermediate step.
 */
export const subscribe = defineHandler(requestSchemas.Subscribe, async (daemon, _request, context) => {
	const {queue} = daemon;
	let pending = new Changes();
	let synced = false;
	let flushing = false;

	const flush = async () => {
		if (flushing || !synced) return;
		flushing = true;
		try {
			while (!pending.empty && context.streaming) {
				if (context.connection.socket.writableNeedDrain) await context.drained();
				const batch = pending;
				pending = new Changes();
				for (const id of batch.tasks) {
					const task = queue.state.tasks.get(id);
					if (task) context.reply({type: 'TaskChanged', task: wireTask(task)});
				}

				if (batch.removedTasks.size > 0) context.reply({type: 'TasksRemoved', ids: [...batch.removedTasks]});
				for (const name of batch.groups) {
					const group = queue.state.groups.get(name);
					if (group) context.reply({type: 'GroupChanged', group: wireGroup(group)});
				}

				for (const name of batch.removedGroups) context.reply({type: 'GroupRemoved', name});
			}
		} finally {
			flushing = false;
		}
	};

	const merge = (changes: Changes) => {
		for (const id of changes.tasks) pending.task(id);
		for (const id of changes.removedTasks) pending.removeTask(id);
		for (const name of changes.groups) pending.group(name);
		for (const name of changes.removedGroups) pending.removeGroup(name);
		void flush();
	};

	const stopEvents = queue.events.listen(merge);
	const stopWorkers = daemon.onWorkersChanged(() => {
		if (synced && context.streaming) context.reply({type: 'WorkersChanged', workers: daemon.workerList()});
	});
	const stopProblems = daemon.onProblemChanged(() => {
		if (synced && context.streaming) context.reply({type: 'DaemonChanged', daemon: daemonInfo(daemon)});
	});
	context.openStream(() => {
		stopEvents();
		stopWorkers();
		stopProblems();
	});

	const {state} = queue;
	const tasks = [...state.tasks.values()];
	context.reply({
		type: 'Snapshot',
		daemon: daemonInfo(daemon),
		groups: [...state.groups.values()].map((group) => wireGroup(group)),
		workers: daemon.workerList(),
		total: tasks.length,
	});
	await sendTasks(context, tasks);
	if (!context.streaming) return;
	context.reply({type: 'Synced'});
	synced = true;
	await flush();
});

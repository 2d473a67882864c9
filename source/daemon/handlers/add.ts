import type * as v from 'valibot';
import {requestSchemas, type newTaskFields} from '../../protocol/requests.js';
import {refuseUnusableCwd} from '../cwd-check.js';
import type {HandlerHost} from '../handler.js';
import {defineHandler} from '../handler.js';
import type {Changes} from '../state/changes.js';
import {TransitionError} from '../state/state.js';
import {addAllOrNone, addTask} from '../state/transitions.js';
import type {Task} from '../state/types.js';
import {wireTask} from '../wire.js';
import {defaultGroup} from '../../protocol/model.js';

type NewTaskRequest = v.InferOutput<v.ObjectSchema<typeof newTaskFields, undefined>>;

/** Adds one task from a request; shared by Add and AddMany. */
export function addFromRequest(daemon: HandlerHost, request: NewTaskRequest, changes: Changes, now: number): Task {
	const {config, queue} = daemon;
	return addTask(
		queue.state,
		{
			command: request.command,
			cwd: request.cwd,
			envId: queue.store.internEnv(request.env),
			group: request.group ?? defaultGroup,
			label: request.label ?? null,
			priority: request.priority ?? 0,
			after: request.after ?? [],
			stashed: request.stashed ?? false,
			enqueueAt: request.enqueueAt && request.enqueueAt > now ? request.enqueueAt : null,
			cols: request.cols ?? config.daemon.pty_cols,
			rows: request.rows ?? config.daemon.pty_rows,
		},
		now,
		changes,
	);
}

export const add = defineHandler(requestSchemas.Add, async (daemon, request, context) => {
	refuseUnusableCwd(daemon.config, request.cwd);
	const task = await daemon.queue.mutate((changes, now) => addFromRequest(daemon, request, changes, now), {
		undo(added) {
			daemon.queue.discardTasks([added]);
		},
	});
	if (request.immediate) await daemon.queue.forceStart([task]);
	context.reply({type: 'Added', task: wireTask(task)});
});

export const addMany = defineHandler(requestSchemas.AddMany, async (daemon, request, context) => {
	// Usually one directory for the whole batch, in `defaults`.
	for (const cwd of new Set(request.tasks.map((entry) => entry.cwd ?? request.defaults?.cwd))) refuseUnusableCwd(daemon.config, cwd);
	// All or nothing: a bad entry refuses the whole batch.
	const tasks = await daemon.queue.mutate(
		(changes, now) => {
			return addAllOrNone(daemon.queue.state, changes, () =>
				request.tasks.map((entry, index) => {
					const merged = {...request.defaults, ...entry};
					if (merged.cwd === undefined || merged.env === undefined) {
						throw new TransitionError('bad_request', `AddMany: task ${index} has no cwd or env, and defaults give none`);
					}

					return addFromRequest(daemon, {...merged, cwd: merged.cwd, env: merged.env}, changes, now);
				}),
			);
		},
		{
			undo(added) {
				daemon.queue.discardTasks(added);
			},
		},
	);
	const immediate = tasks.filter((_task, index) => (request.tasks[index]?.immediate ?? request.defaults?.immediate) === true);
	if (immediate.length > 0) await daemon.queue.forceStart(immediate);
	context.reply({type: 'AddedMany', ids: tasks.map((task) => task.id)});
});

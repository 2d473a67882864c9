import {requestSchemas, shellVariableName} from '../../protocol/requests.js';
import {TransitionError} from '../state/state.js';
import {refuseUnusableCwd} from '../cwd-check.js';
import {defineHandler} from '../handler.js';
import {editTask, lockTasks, unlockTasks} from '../state/edit-transitions.js';
import {checkEnvEditable, setTaskEnv} from '../state/transitions.js';
import {getTask} from '../state/state.js';
import {wireTask} from '../wire.js';

// A lock belongs to the connection that took it: its Edit or Unlock ends
// it, and so does the connection closing (a killed `spool edit`).

export const lock = defineHandler(requestSchemas.Lock, async (daemon, request, context) => {
	const {queue} = daemon;
	const owner = context.connection;
	const tasks = await queue.mutate((changes) => lockTasks(queue.state, request.ids, owner, changes));
	owner.onClose(() => {
		if (!request.ids.some((id) => queue.state.tasks.get(id)?.lock?.owner === owner)) return;
		// The daemon's own change, never refused: a lock must not outlive its
		// connection. It fails only once the store is closed (the daemon
		// stopped), when the file already holds the status under the lock.
		queue.apply((changes) => unlockTasks(queue.state, request.ids, owner, changes)).catch(() => {});
	});
	context.reply({type: 'Locked', tasks: tasks.map((task) => wireTask(task))});
});

export const unlock = defineHandler(requestSchemas.Unlock, async (daemon, request, context) => {
	const {queue} = daemon;
	const ids = await queue.mutate((changes) => unlockTasks(queue.state, request.ids, context.connection, changes));
	context.reply({type: 'Ok', ids});
});

export const edit = defineHandler(requestSchemas.Edit, async (daemon, request, context) => {
	const {queue} = daemon;
	refuseUnusableCwd(daemon.config, request.cwd);
	const fields = {command: request.command, cwd: request.cwd, label: request.label, priority: request.priority, after: request.after};
	const task = await queue.mutate((changes) => editTask(queue.state, request.task, fields, changes, context.connection));
	context.reply({type: 'Edited', task: wireTask(task)});
});

export const envSet = defineHandler(requestSchemas.EnvSet, async (daemon, request, context) => {
	const {queue} = daemon;
	await queue.mutate((changes) => {
		const task = checkEnvEditable(queue.state, request.task);
		const env = {...queue.getEnv(task), [request.key]: request.value};
		setTaskEnv(queue.state, task.id, queue.store.internEnv(env), changes);
	});
	context.reply({type: 'Ok', ids: [request.task]});
});

export const envUnset = defineHandler(requestSchemas.EnvUnset, async (daemon, request, context) => {
	const {queue} = daemon;
	await queue.mutate((changes) => {
		const task = checkEnvEditable(queue.state, request.task);
		const env = {...queue.getEnv(task)};
		if (!Object.hasOwn(env, request.key)) {
			const name = shellVariableName.test(request.key) ? request.key : JSON.stringify(request.key);
			throw new TransitionError('not_found', `task ${task.id} has no variable ${name}: there is nothing to unset`);
		}

		delete env[request.key];
		setTaskEnv(queue.state, task.id, queue.store.internEnv(env), changes);
	});
	context.reply({type: 'Ok', ids: [request.task]});
});

/** EnvGet: one task's environment, whatever its status; it stores nothing. */
export const envGet = defineHandler(requestSchemas.EnvGet, async (daemon, request, context) => {
	const {queue} = daemon;
	const task = getTask(queue.state, request.task);
	context.reply({type: 'Env', task: task.id, env: queue.getEnv(task)});
});

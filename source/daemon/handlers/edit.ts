import {requestSchemas, shellVariableName} from '../../protocol/requests.js';
import {TransitionError} from '../state/state.js';
import {refuseUnusableCwd} from '../cwd-check.js';
import {defineHandler} from '../handler.js';
import {getTask} from '../state/state.js';
import {checkEnvEditable, editTask, setTaskEnv} from '../state/transitions.js';
import {wireTask} from '../wire.js';

export const edit = defineHandler(requestSchemas.Edit, async (daemon, request, context) => {
	refuseUnusableCwd(daemon.config, request.cwd);
	const task = await daemon.queue.mutate((changes) =>
		editTask(daemon.queue.state, request.task, {command: request.command, cwd: request.cwd, label: request.label, priority: request.priority}, changes),
	);
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

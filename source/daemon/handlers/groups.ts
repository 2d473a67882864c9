import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {addGroup, removeGroup, setParallel} from '../state/group-transitions.js';
import {wireGroup} from '../wire.js';
import {defaultGroup} from '../../protocol/model.js';

export const groupList = defineHandler(requestSchemas.GroupList, (daemon, _request, context) => {
	context.reply({type: 'Groups', groups: [...daemon.queue.state.groups.values()].map((group) => wireGroup(group))});
});

export const groupAdd = defineHandler(requestSchemas.GroupAdd, async (daemon, request, context) => {
	const group = await daemon.queue.mutate((changes) => addGroup(daemon.queue.state, request.name, request.parallel ?? daemon.config.daemon.default_parallel, changes));
	context.reply({type: 'Ok', group: wireGroup(group)});
});

export const groupRemove = defineHandler(requestSchemas.GroupRemove, async (daemon, request, context) => {
	await daemon.queue.mutate((changes) => {
		removeGroup(daemon.queue.state, request.name, changes);
	});
	context.reply({type: 'Ok'});
});

export const parallel = defineHandler(requestSchemas.Parallel, async (daemon, request, context) => {
	const name = request.group ?? defaultGroup;
	await daemon.queue.mutate((changes) => {
		setParallel(daemon.queue.state, name, request.parallel, changes);
	});
	context.reply({type: 'Ok', group: wireGroup(daemon.queue.state.groups.get(name)!)});
});

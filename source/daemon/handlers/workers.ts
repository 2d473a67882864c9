import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';

export const workers = defineHandler(requestSchemas.Workers, (daemon, _request, context) => {
	context.reply({type: 'Workers', workers: daemon.workerList()});
});

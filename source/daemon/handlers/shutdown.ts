import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';

/** Shutdown: replies, then kills running tasks (recorded as Killed) and stops the daemon. */
export const shutdown = defineHandler(requestSchemas.Shutdown, (daemon, _request, context) => {
	context.reply({type: 'Ok'});
	daemon.log('shutdown requested by a client');
	void daemon.stop();
});

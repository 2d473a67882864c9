import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';

/**
 * Cancel {id, target}: stops the stream `target`, which then ends with
 * End {re: target}. Cancel has no reply of its own; an unknown or already
 * ended target is ignored.
 */
export const cancel = defineHandler(requestSchemas.Cancel, (_daemon, request, context) => {
	const stop = context.streams.get(request.target);
	if (stop) {
		context.streams.delete(request.target);
		stop();
		context.connection.send({type: 'End', re: request.target, cancelled: true});
	}
});

import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';

export const ping = defineHandler(requestSchemas.Ping, (host, _request, context) => {
	context.reply({type: 'Pong', version: host.version});
});

import {requestSchemas} from '../../protocol/requests.js';
import {version} from '../../version.js';
import {defineHandler} from '../handler.js';

export const ping = defineHandler(requestSchemas.Ping, (_daemon, _request, context) => {
	context.reply({type: 'Pong', version});
});

import * as v from 'valibot';
import {version} from '../../version.js';
import {defineHandler} from '../handler.js';

export const ping = defineHandler(v.object({type: v.literal('Ping')}), (_daemon, _request, context) => {
	context.reply({type: 'Pong', version});
});

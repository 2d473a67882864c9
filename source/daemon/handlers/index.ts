// Every request type the daemon serves, by `type`.
import type {Handler} from '../handler.js';
import {ping} from './ping.js';

export const handlers: Record<string, Handler> = {
	Ping: ping,
};

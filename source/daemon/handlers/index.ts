// Every request type the daemon serves, by `type` (docs/protocol.md, "Requests").
import type {RequestType} from '../../protocol/requests.js';
import type {Handler} from '../handler.js';
import {add, addMany} from './add.js';
import {cancel} from './cancel.js';
import {clean} from './clean.js';
import {edit, envGet, envSet, envUnset, lock, unlock} from './edit.js';
import {follow} from './follow.js';
import {groupAdd, groupList, groupRemove, parallel} from './groups.js';
import {kill} from './kill.js';
import {log} from './log.js';
import {pause} from './pause.js';
import {ping} from './ping.js';
import {remove} from './remove.js';
import {reset} from './reset.js';
import {restart} from './restart.js';
import {send} from './send.js';
import {shutdown} from './shutdown.js';
import {enqueue, stash} from './stash.js';
import {start} from './start.js';
import {status} from './status.js';
import {subscribe} from './subscribe.js';
import {switchHandler} from './switch.js';
import {wait} from './wait.js';
import {workers} from './workers.js';

export const handlers: Record<RequestType, Handler> = {
	Ping: ping,
	Cancel: cancel,
	Add: add,
	AddMany: addMany,
	Remove: remove,
	Switch: switchHandler,
	Stash: stash,
	Enqueue: enqueue,
	Start: start,
	Pause: pause,
	Kill: kill,
	Send: send,
	Restart: restart,
	Lock: lock,
	Unlock: unlock,
	Edit: edit,
	EnvSet: envSet,
	EnvUnset: envUnset,
	EnvGet: envGet,
	GroupList: groupList,
	GroupAdd: groupAdd,
	GroupRemove: groupRemove,
	Parallel: parallel,
	Status: status,
	Log: log,
	Follow: follow,
	Subscribe: subscribe,
	Wait: wait,
	Clean: clean,
	Reset: reset,
	Shutdown: shutdown,
	Workers: workers,
};

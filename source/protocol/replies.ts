// What the daemon answers to each request (docs/protocol.md, "Requests"), as
// types both sides share: the daemon's handlers can only send what is listed
// for their request, and the client's `request()` returns the reply of the
// request it sent, without casts.
import type {DaemonInfo, Group, Task, WorkerEntry} from './model.js';
import type {RequestType} from './requests.js';

/** `Ok`: the request was done. */
export type OkReply = {type: 'Ok'};
/** `Ok` of a request that acts on tasks: the ids it acted on. */
export type OkIdsReply = {type: 'Ok'; ids: number[]};
/** A task a `Remove {partial: true}` left alone, and why (the code and message an Error would have had). */
export type Refusal = {id: number; code: 'not_found' | 'invalid_state'; message: string};
/** `Ok` of Kill: `paused` (of a group or all) names the groups it paused because tasks still waited in them. */
export type KilledReply = OkIdsReply & {paused?: string[]};
/** `Ok` of Remove: `refused` is there (maybe empty) when the request was `partial`. */
export type RemovedReply = OkIdsReply & {refused?: Refusal[]};
/** `Ok` of a request that changes a group: the group as it is now. */
export type OkGroupReply = {type: 'Ok'; group: Group};
export type PongReply = {type: 'Pong'; version: string};
export type AddedReply = {type: 'Added'; task: Task};
export type AddedManyReply = {type: 'AddedMany'; ids: number[]};
export type EditedReply = {type: 'Edited'; task: Task};
export type LockedReply = {type: 'Locked'; tasks: Task[]};
/** A task's environment, as it starts (or started) with it. */
export type EnvReply = {type: 'Env'; task: number; env: Record<string, string>};
export type GroupsReply = {type: 'Groups'; groups: Group[]};
export type WorkersReply = {type: 'Workers'; workers: WorkerEntry[]};
export type WaitedReply = {type: 'Waited'; tasks: Task[]; success: boolean};
export type EndMessage = {type: 'End'; cancelled?: boolean};

// Stream messages, in the order each stream sends them.
export type StatusHead = {type: 'Status'; daemon: DaemonInfo; groups: Group[]; workers: WorkerEntry[]; total: number};
export type TasksPiece = {type: 'Tasks'; tasks: Task[]};
/** `totalLines`: only when the request asked for `countLines`. */
export type LogInfo = {type: 'LogInfo'; task: Task; size: number; from: number; to: number; totalLines?: number};
export type LogChunk = {type: 'LogChunk'; offset: number; data: Uint8Array};
export type Following = {type: 'Following'; tasks: Task[]};
export type OutputMessage = {type: 'Output'; task: number; offset: number; data: Uint8Array};
/** `task` is the whole record, or only `{id}` when the task was removed meanwhile. */
export type TaskEnded = {type: 'TaskEnded'; task: Task | {id: number}};
export type Snapshot = {type: 'Snapshot'; daemon: DaemonInfo; groups: Group[]; workers: WorkerEntry[]; total: number};
export type Synced = {type: 'Synced'};
export type TaskChanged = {type: 'TaskChanged'; task: Task};
export type TasksRemoved = {type: 'TasksRemoved'; ids: number[]};
export type GroupChanged = {type: 'GroupChanged'; group: Group};
export type GroupRemoved = {type: 'GroupRemoved'; name: string};
export type WorkersChanged = {type: 'WorkersChanged'; workers: WorkerEntry[]};
export type DaemonChanged = {type: 'DaemonChanged'; daemon: DaemonInfo};

/** The one reply of each plain request (requests that open a stream are in StreamMessages). */
type Replies = {
	Ping: PongReply;
	Add: AddedReply;
	AddMany: AddedManyReply;
	Remove: RemovedReply;
	Switch: OkIdsReply;
	Stash: OkIdsReply;
	Enqueue: OkIdsReply;
	Start: OkIdsReply;
	Pause: OkIdsReply;
	Kill: KilledReply;
	Send: OkIdsReply;
	Restart: OkIdsReply;
	Lock: LockedReply;
	Unlock: OkIdsReply;
	Edit: EditedReply;
	EnvSet: OkIdsReply;
	EnvUnset: OkIdsReply;
	EnvGet: EnvReply;
	GroupList: GroupsReply;
	GroupAdd: OkGroupReply;
	GroupRemove: OkReply;
	Parallel: OkGroupReply;
	Clean: OkIdsReply;
	Reset: OkIdsReply;
	Shutdown: OkReply;
	Workers: WorkersReply;
	/** Answered once the condition holds (a Cancel naming it ends it with End instead). */
	Wait: WaitedReply;
};

/** What a stream sends before its End. */
type StreamMessages = {
	Status: StatusHead | TasksPiece;
	Log: LogInfo | LogChunk;
	Follow: Following | OutputMessage | TaskEnded;
	Subscribe: Snapshot | TasksPiece | Synced | TaskChanged | TasksRemoved | GroupChanged | GroupRemoved | WorkersChanged | DaemonChanged;
};

/** Every request but Cancel is answered: a request type missing above is a compile error here. */
type Answered<T extends Record<Exclude<RequestType, 'Cancel'>, unknown>> = T;
type AllAnswers = Answered<Replies & StreamMessages>;

export type PlainRequestType = keyof Replies;
export type StreamRequestType = keyof StreamMessages;
export type ReplyOf<T extends PlainRequestType> = Replies[T];
export type StreamMessageOf<T extends StreamRequestType> = StreamMessages[T];

/** Anything the daemon sends as an answer to request T (Cancel has none of its own). */
export type AnswerOf<T extends RequestType> = T extends keyof AllAnswers ? AllAnswers[T] | EndMessage : never;

import {requestSchemas} from '../../protocol/requests.js';
import {defineHandler} from '../handler.js';
import {logPath, logSize, offsetOfLastLines, readRange} from '../logs/log-files.js';
import type {RequestContext} from '../request-context.js';
import {getTasks} from '../state/state.js';
import type {Task} from '../state/types.js';
import type {Queue} from '../queue.js';
import {wireTask} from '../wire.js';

const catchUpChunkBytes = 256 * 1024;

/**
 * Follows one task's log for one Follow stream. Live chunks go straight out
 * while the client keeps up; once its socket is full, the follower falls
 * back to reading the log file from where the client is, so a slow client
 * costs the daemon no memory and never slows the task.
 */
class TaskFollower {
	offset: number;
	#catchingUp = false;
	#ended = false;
	#announcedEnd = false;
	readonly #file: string;

	constructor(
		readonly id: number,
		readonly queue: Queue,
		readonly context: RequestContext,
		readonly onFinished: () => void,
		startLines: number | null,
	) {
		this.#file = logPath(queue.paths.logs, id);
		const size = logSize(this.#file);
		this.offset = startLines === null ? 0 : offsetOfLastLines(this.#file, startLines, size);
	}

	live(offset: number, data: Buffer): void {
		if (!this.#catchingUp && offset === this.offset && !this.context.connection.socket.writableNeedDrain) {
			this.offset += data.length;
			this.context.reply({type: 'Output', task: this.id, offset, data});
			return;
		}

		if (offset < this.offset) this.offset = offset; // a new run truncated the log
		void this.catchUp();
	}

	/** The task started a new run: its log starts over. */
	restarted(): void {
		this.offset = 0;
		this.#ended = false;
		this.#announcedEnd = false;
	}

	taskEnded(): void {
		this.#ended = true;
		void this.catchUp();
	}

	async catchUp(): Promise<void> {
		if (this.#catchingUp) return;
		this.#catchingUp = true;
		try {
			for (;;) {
				const size = logSize(this.#file);
				if (size < this.offset) this.offset = 0;
				if (this.offset >= size) break;
				// One chunk at a time, each read once the connection has room for it
				// (Connection.reserve): many follows on one connection that reads
				// nothing must not each hold a chunk.
				const release = await this.context.reserve(Math.min(catchUpChunkBytes, size - this.offset));
				try {
					if (!this.context.streaming) throw new Error('cancelled');
					this.offset = await readRange(
						this.#file,
						this.offset,
						Math.min(this.offset + catchUpChunkBytes, size),
						(offset, data) => {
							if (!this.context.streaming) throw new Error('cancelled');
							this.context.reply({type: 'Output', task: this.id, offset, data});
						},
						catchUpChunkBytes,
					);
				} finally {
					release();
				}
			}
		} catch (error) {
			if ((error as Error).message !== 'cancelled' && this.context.streaming) {
				this.context.error('internal', `cannot read the log of task ${this.id}: ${(error as Error).message}`);
			}

			return;
		} finally {
			this.#catchingUp = false;
		}

		this.#announce();
	}

	#announce(): void {
		if (!this.#ended || this.#announcedEnd || !this.context.streaming) return;
		this.#announcedEnd = true;
		const task = this.queue.state.tasks.get(this.id);
		this.context.reply({type: 'TaskEnded', task: task ? wireTask(task) : {id: this.id}});
		this.onFinished();
	}
}

/**
 * Follow: `Output {re, task, offset, data}` as the tasks print (from `lines`
 * back, or the start), `TaskEnded {re, task}` as each ends, then `End {re}`
 * once all ended. Queued tasks are waited for.
 */
export const follow = defineHandler(requestSchemas.Follow, async (daemon, request, context) => {
	const {queue} = daemon;
	const tasks = getTasks(queue.state, request.ids);
	const lines = request.lines === undefined ? null : request.lines;
	const unfinished = new Set(tasks.map((task) => task.id));
	const stops: Array<() => void> = [];
	const stop = () => {
		for (const release of stops.splice(0)) release();
	};

	context.openStream(stop);
	const followers = new Map<number, TaskFollower>();
	const finished = (id: number) => {
		unfinished.delete(id);
		if (unfinished.size === 0 && context.streaming) {
			stop();
			context.end();
		}
	};

	const attempts = new Map<number, number>(tasks.map((task) => [task.id, task.attempt]));
	for (const task of tasks) {
		const follower = new TaskFollower(task.id, queue, context, () => finished(task.id), lines);
		followers.set(task.id, follower);
		stops.push(queue.output.listen(task.id, (offset, data) => follower.live(offset, data)));
	}

	const check = (task: Task | undefined, id: number) => {
		const follower = followers.get(id);
		if (!follower) return;
		if (!task) {
			follower.taskEnded();
			return;
		}

		if (task.attempt !== attempts.get(id)) {
			attempts.set(id, task.attempt);
			follower.restarted();
		}

		if (task.status === 'Done') follower.taskEnded();
	};

	stops.push(
		queue.events.listen((changes) => {
			for (const id of changes.tasks) check(queue.state.tasks.get(id), id);
			for (const id of changes.removedTasks) check(undefined, id);
		}),
	);
	context.reply({type: 'Following', tasks: tasks.map((task) => wireTask(task))});
	for (const task of tasks) {
		const follower = followers.get(task.id)!;
		if (task.status === 'Done') follower.taskEnded();
		else void follower.catchUp();
	}
});

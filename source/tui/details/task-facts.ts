// What the details view asks the daemon about its task, beyond the record
// the store has: the environment (EnvGet) and the log's size (Log with
// countLines and no bytes). Asked when the view opens or the task changes
// (a new attempt, a new status), and every few seconds while the task runs
// and its log grows; the environment again each time its values are asked
// for (env set may have changed it). Answers for a task no longer shown are
// dropped; until a new answer comes, the last one for the task stays.
import {useEffect, useState} from 'react';
import type {Task} from '../../protocol/model.js';
import type {DaemonLink} from '../daemon-link.js';
import type {Fetched, TaskFacts} from './details-lines.js';

/** How often a running task's log size is asked again. */
const runningRefreshMs = 2000;

const loading = {state: 'loading'} as const;
const failed = (error: unknown): Fetched<never> => ({state: 'error', message: (error as Error).message});

/** An answer, with the task it is about: one about another task reads as not there yet. */
type Answer<T> = {task: number; fetched: Fetched<T>};

export function useTaskFacts(link: DaemonLink, task: Task | undefined, now: number, values: boolean): TaskFacts {
	const [env, setEnv] = useState<Answer<Record<string, string>> | undefined>(undefined);
	const [log, setLog] = useState<Answer<{bytes: number; lines: number | undefined}> | undefined>(undefined);
	const id = task?.id;
	const running = task?.status === 'Running' || task?.status === 'Paused';
	const tick = running ? Math.floor(now / runningRefreshMs) : 0;

	useEffect(() => {
		if (id === undefined) return;
		let current = true;
		link.request({type: 'EnvGet', task: id}).then(
			(reply) => current && setEnv({task: id, fetched: {state: 'ok', value: reply.env}}),
			(error: unknown) => current && setEnv({task: id, fetched: failed(error)}),
		);
		return () => {
			current = false;
		};
	}, [link, id, values]);

	useEffect(() => {
		if (id === undefined) return;
		let current = true;
		link.logSize(id).then(
			(value) => current && setLog({task: id, fetched: {state: 'ok', value}}),
			(error: unknown) => current && setLog({task: id, fetched: failed(error)}),
		);
		return () => {
			current = false;
		};
	}, [link, id, task?.attempt, task?.status, task?.endedAt, tick]);

	return {env: env && env.task === id ? env.fetched : loading, log: log && log.task === id ? log.fetched : loading};
}

// What a worker tells the daemon about its machine when it registers.
import {randomBytes} from 'node:crypto';
import os from 'node:os';
import {workerNamePattern} from '../protocol/worker-messages.js';

export function systemInfo(): {hostname: string; platform: string; cpus: number} {
	return {hostname: os.hostname().slice(0, 255), platform: `${process.platform}-${process.arch}`, cpus: os.availableParallelism()};
}

export function currentLoad(): number {
	return Math.max(0, os.loadavg()[0] ?? 0);
}

/** Names one worker process: a reconnect of the same process is recognised by it. */
export function newInstanceId(): string {
	return randomBytes(16).toString('hex');
}

/** The default worker name: the host name, cut to what a worker name may hold. */
export function defaultWorkerName(hostname = os.hostname()): string {
	const cleaned = hostname
		.split('.')[0]!
		.replaceAll(/[^A-Za-z0-9_.@-]/g, '-')
		.replace(/^[^A-Za-z0-9]+/, '')
		.slice(0, 64);
	return workerNamePattern.test(cleaned) ? cleaned : 'worker';
}

// A real `spool daemon` process on a temp home, and a protocol client to it.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {connect, type Client, type Message} from '../../source/client/client.js';
import {readSecretFile} from '../../source/protocol/secret.js';

export const root = process.env.SPOOL_ROOT ?? process.cwd();
export const spoolBin = path.join(root, 'bin', 'spool.js');

export type BenchDaemon = {home: string; child: ChildProcess; client: Client; pid: number; stdout: string; stop: () => Promise<void>};

export async function startDaemon(config: Record<string, unknown> = {}, extraArgs: string[] = []): Promise<BenchDaemon> {
	const home = mkdtempSync(path.join(os.tmpdir(), 'spool-b-'));
	const {writeFileSync} = await import('node:fs');
	writeFileSync(path.join(home, 'config.json'), JSON.stringify({daemon: config}));
	const child = spawn(process.execPath, [spoolBin, 'daemon', '--quiet', '--home', home, ...extraArgs], {stdio: ['ignore', 'pipe', 'inherit']});
	let out = '';
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('listening unix')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`daemon exited with ${code}`)));
	});
	const client = await connect({endpoint: {kind: 'unix', path: path.join(home, 'spool.sock')}, secret: readSecretFile(path.join(home, 'secret'))});
	return {
		home,
		child,
		client,
		pid: child.pid!,
		stdout: out,
		async stop() {
			client.close();
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
			rmSync(home, {recursive: true, force: true});
		},
	};
}

export const env = () => ({PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.homedir()});

export async function addTask(client: Client, command: string, extra: Record<string, unknown> = {}): Promise<{id: number}> {
	const reply = await client.request({type: 'Add', command, cwd: os.tmpdir(), env: env(), ...extra});
	return reply.task as {id: number};
}

export async function waitDone(client: Client, ids: number[]): Promise<Array<Record<string, unknown>>> {
	const reply: Message = await client.request({type: 'Wait', ids, status: 'done'});
	return reply.tasks as Array<Record<string, unknown>>;
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rss(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith('VmRSS:'));
	return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

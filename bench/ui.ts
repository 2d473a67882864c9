// The full-screen UI: frame time and key-press time with 100,000 tasks in
// the table (rendered into a fake 120x40 terminal, frame rate unthrottled),
// and the first frame of `spool` in a real pty beside a bare Ink
// hello-world.
import {EventEmitter} from 'node:events';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {render} from 'ink';
import {createElement} from 'react';
import * as pty from 'node-pty';
import type {Task} from '../source/protocol/model.js';
import {App} from '../source/tui/app.js';
import {DaemonLink} from '../source/tui/daemon-link.js';
import {buildKeymap} from '../source/tui/keymap.js';
import {QueueStore} from '../source/tui/queue-store.js';
import {root, spoolBin, startDaemon} from './lib/daemon.js';
import {median, pairedRatio, printTable, type Row} from './lib/stats.js';

const taskCount = 100_000;
const samples = Number(process.env.BENCH_RUNS ?? 30);

function fakeTask(id: number): Task {
	return {
		id,
		command: `make -C /srv/build/${id % 97} test SHARD=${id}`,
		cwd: '/srv/build',
		group: id % 3 === 0 ? 'gpu' : 'default',
		label: id % 10 === 0 ? 'nightly' : null,
		priority: 0,
		after: [],
		status: id % 7 === 0 ? 'Running' : 'Done',
		result: id % 7 === 0 ? null : id % 11 === 0 ? 'Failed' : 'Success',
		exitCode: id % 11 === 0 ? 2 : 0,
		signal: null,
		error: null,
		createdAt: Date.now() - 1000,
		enqueueAt: null,
		startedAt: Date.now() - 900,
		endedAt: id % 7 === 0 ? null : Date.now() - 100,
		worker: 'local',
		slot: 0,
		cols: 120,
		rows: 40,
		attempt: 1,
	};
}

/** A terminal-shaped stream that records when each frame is written. */
class FakeTerminal extends EventEmitter {
	columns = 120;
	rows = 40;
	isTTY = true;
	writes = 0;
	write(_chunk: string): boolean {
		this.writes++;
		this.emit('frame');
		return true;
	}
}

class FakeInput extends EventEmitter {
	isTTY = true;
	#data: string[] = [];
	setRawMode() {
		return this;
	}

	setEncoding() {}
	ref() {}
	unref() {}
	resume() {}
	pause() {}
	read(): string | null {
		return this.#data.shift() ?? null;
	}

	press(text: string) {
		this.#data.push(text);
		this.emit('readable');
	}
}

async function tableFrames() {
	const store = new QueueStore(0);
	store.reset(
		{version: 'bench', endpoint: 'bench'},
		[
			{name: 'default', status: 'Running', parallel: 4},
			{name: 'gpu', status: 'Running', parallel: 2},
		],
		[],
		Array.from({length: taskCount}, (_value, index) => fakeTask(index + 1)),
	);
	store.setConnection('connected');
	// No daemon: the table is what is measured. Follow and requests do nothing.
	const link = new DaemonLink(async () => new Promise(() => {}), store, 'bench');
	const stdout = new FakeTerminal();
	const stdin = new FakeInput();
	const instance = render(createElement(App, {link, keymap: buildKeymap(), cwd: '/tmp', env: {}}), {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		exitOnCtrlC: false,
		patchConsole: false,
		maxFps: 10_000,
	});
	const nextFrame = async () => new Promise<void>((resolve) => stdout.once('frame', () => resolve()));
	await new Promise((resolve) => setTimeout(resolve, 300));
	const frames: number[] = [];
	const keys: number[] = [];
	for (let run = 0; run < samples; run++) {
		// A task changes status: one store update, one frame.
		let started = performance.now();
		const frame = nextFrame();
		// A finished task starts again (ids that are multiples of 7 already run): the header's counts
		// change with every sample, so each update gives a frame that differs (Ink writes nothing for an
		// unchanged frame, and such a sample would time the next periodic redraw instead).
		const id = 1 + ((run * 7919) % taskCount);
		store.taskChanged({...fakeTask(id % 7 === 0 ? id + 1 : id), status: 'Running', result: null, endedAt: null});
		await frame;
		frames.push(performance.now() - started);
		// A key press: the cursor moves one row.
		started = performance.now();
		const moved = nextFrame();
		// j then k: each press moves the cursor, so each gives a new frame.
		stdin.press(run % 2 === 0 ? 'j' : 'k');
		await moved;
		keys.push(performance.now() - started);
	}

	instance.unmount();
	store.dispose();
	return {frames, keys};
}

/** Milliseconds from spawning `command` in a 120x40 pty until its output contains `marker`. */
async function firstFrame(file: string, args: string[], marker: string, env: Record<string, string> = {}): Promise<number> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		let output = '';
		const terminal = pty.spawn(file, args, {cols: 120, rows: 40, cwd: root, env: {...(process.env as Record<string, string>), TERM: 'xterm-256color', ...env}});
		const timer = setTimeout(() => {
			terminal.kill('SIGKILL');
			reject(new Error(`no "${marker}" within 20 s: ${output.slice(-500)}`));
		}, 20_000);
		terminal.onData((data) => {
			output += data;
			if (output.includes(marker)) {
				const ms = performance.now() - started;
				clearTimeout(timer);
				// SIGTERM: the UI restores the terminal and exits; no write to a pty that may be closing.
				terminal.kill('SIGTERM');
				resolve(ms);
			}
		});
	});
}

const {frames, keys} = await tableFrames();

const scratch = mkdtempSync(path.join(root, 'node_modules', '.cache', 'spool-ink-hello-'));
const hello = path.join(scratch, 'hello.mjs');
writeFileSync(hello, "import {render, Text} from 'ink';\nimport {createElement} from 'react';\nrender(createElement(Text, null, 'hello from ink'));\nsetTimeout(() => process.exit(0), 300);\n");
const daemon = await startDaemon();
const spoolFirst: number[] = [];
const inkFirst: number[] = [];
try {
	const uiRuns = Math.min(samples, 10);
	for (let run = 0; run < uiRuns; run++) {
		inkFirst.push(await firstFrame(process.execPath, [hello], 'hello from ink'));
		spoolFirst.push(await firstFrame(process.execPath, [spoolBin, '--home', daemon.home], '● connected'));
	}
} finally {
	await daemon.stop();
	rmSync(scratch, {recursive: true, force: true});
}

const rows: Row[] = [
	{what: `frame after a task changes (${taskCount.toLocaleString('en')} tasks)`, command: 'store update -> frame', samples: frames, unit: 'ms'},
	{what: `key press to frame (${taskCount.toLocaleString('en')} tasks)`, command: 'j / k', samples: keys, unit: 'ms'},
	{what: 'bare Ink hello-world, first frame', command: 'node hello.mjs (pty)', samples: inkFirst, unit: 'ms'},
	{what: 'spool UI, first frame connected', command: 'spool (pty)', samples: spoolFirst, unit: 'ms', ratio: `${pairedRatio(spoolFirst, inkFirst)} of Ink hello-world`},
];
printTable(rows);
console.log(`\nmedians: frame ${median(frames).toFixed(1)} ms, key ${median(keys).toFixed(1)} ms`);
process.exit(0);

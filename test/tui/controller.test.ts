// The controller carries out a request on marked tasks: the marks of the
// tasks the daemon acted on go, and a refused request leaves every mark.
import {describe, expect, it} from 'vitest';
import {Controller} from '../../source/tui/controller.js';
import type {DaemonLink} from '../../source/tui/daemon-link.js';
import {type Effect, initialViewState} from '../../source/tui/view-state.js';
import {ViewStore} from '../../source/tui/view-store.js';
import {waitFor} from '../helpers/wait-for.js';

function controllerWith(request: () => Promise<unknown>) {
	const view = new ViewStore({...initialViewState, marked: new Set([3, 5, 7])});
	const link = {request} as unknown as DaemonLink;
	const controller = new Controller({link, view, cwd: '/work', env: {}, connection: {}, log: () => undefined, quit: () => {}});
	return {view, controller};
}

const kill: Effect = {kind: 'send', request: {type: 'Kill', ids: [3, 5]}, done: 'Killed tasks 3, 5', skipped: '7 is not running', cli: 'spool kill 3 5', unmark: [3, 5]};

describe('marks after a request', () => {
	it('go for the tasks the daemon acted on', async () => {
		const {view, controller} = controllerWith(async () => ({type: 'Ok', ids: [3]}));
		controller.run([kill]);
		await waitFor(() => view.state.message, {what: 'the message'});
		expect([...view.state.marked]).toEqual([5, 7]);
		expect(view.state.message).toEqual({text: 'Killed tasks 3, 5; 7 is not running — spool kill 3 5', kind: 'info'});
	});

	it('all stay when the daemon refuses, and its error is shown', async () => {
		const {view, controller} = controllerWith(async () => {
			throw new Error('task 5 is not running; `spool remove` drops queued tasks');
		});
		controller.run([kill]);
		await waitFor(() => view.state.message, {what: 'the message'});
		expect([...view.state.marked]).toEqual([3, 5, 7]);
		expect(view.state.message).toEqual({text: 'task 5 is not running; `spool remove` drops queued tasks', kind: 'error'});
	});
});

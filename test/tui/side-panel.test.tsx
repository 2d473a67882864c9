// The groups and workers panel shows each worker's state, host, load and last contact.
import {render} from 'ink-testing-library';
import {expect, it} from 'vitest';
import type {WorkerEntry} from '../../source/protocol/model.js';
import {SidePanel} from '../../source/tui/components/side-panel.js';

const unknown = {host: null, platform: null, cpus: null, load: null, version: null, connectedAt: null, lastHeard: null};
const worker = (entry: Partial<WorkerEntry> & Pick<WorkerEntry, 'name' | 'slots' | 'used' | 'groups' | 'status'>): WorkerEntry => ({...unknown, ...entry});

it('shows groups and workers, with remote details and lost states', () => {
	const now = Date.now();
	const {lastFrame, unmount} = render(
		<SidePanel
			groups={[
				{name: 'default', status: 'Running', parallel: 2},
				{name: 'gpu', status: 'Paused', parallel: 0},
			]}
			workers={[
				worker({name: 'local', slots: 0, used: 1, groups: null, status: 'Connected'}),
				worker({name: 'gpu-box', slots: 4, used: 2, groups: ['gpu'], status: 'Connected', host: 'gpu-box.lan', load: 1.5, lastHeard: now - 2000}),
				worker({name: 'old', slots: 2, used: 1, groups: null, status: 'Lost', host: 'old.lan', load: null, lastHeard: now - 60_000}),
			]}
			running={
				new Map([
					['default', 1],
					['gpu', 2],
				])
			}
			width={48}
			height={14}
		/>,
	);
	const frame = lastFrame() ?? '';
	unmount();
	expect(frame).toContain('default 1/2');
	expect(frame).toContain('gpu 2/∞');
	expect(frame).toContain('gpu-box 2/4 gpu');
	expect(frame).toMatch(/gpu-box\.lan · load 1\.50 · heard [23]s ago/);
	expect(frame).toContain('old 1/2 all lost');
	expect(frame).toContain('local 1/∞ all');
});

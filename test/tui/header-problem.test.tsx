// The UI says what keeps the daemon from working (a full disk) the moment the
// daemon reports it, and stops saying it once the daemon clears it.
import {render} from 'ink-testing-library';
import {expect, it} from 'vitest';
import {Header} from '../../source/tui/components/header.js';
import {QueueStore} from '../../source/tui/queue-store.js';

it("shows the daemon's problem from DaemonChanged and drops it when cleared", () => {
	const store = new QueueStore(0);
	store.reset({version: '0.1.0', pid: 1, startedAt: 0, problem: null}, [{name: 'default', status: 'Running', parallel: 1}], [], []);
	const view = () => {
		const {lastFrame, unmount} = render(<Header snapshot={store.getSnapshot()} width={120} />);
		const frame = lastFrame() ?? '';
		unmount();
		return frame;
	};

	expect(view()).not.toContain('disk full');
	store.daemonChanged({version: '0.1.0', pid: 1, startedAt: 0, problem: 'disk full: /h/spool.db, 2 tasks waiting to be recorded'});
	expect(view()).toContain('disk full: /h/spool.db, 2 tasks waiting to be recorded');
	store.daemonChanged({version: '0.1.0', pid: 1, startedAt: 0, problem: null});
	expect(view()).not.toContain('disk full');
});

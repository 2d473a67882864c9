// Pure state transitions and scheduling, without sockets or ptys.
import {describe, expect, it} from 'vitest';
import {Changes} from '../../source/daemon/state/changes.js';
import {enqueueDue, failBlockedDependants, nextWake, queuedInOrder, selectStarts, type WorkerCapacity} from '../../source/daemon/state/scheduler.js';
import {createState, type State, TransitionError} from '../../source/daemon/state/state.js';
import {addGroup, removeGroup, setParallel} from '../../source/daemon/state/group-transitions.js';
import {markDone, markStarted} from '../../source/daemon/state/run-transitions.js';
import {removeWhatCan} from '../../source/daemon/state/remove-transitions.js';
import {editTask} from '../../source/daemon/state/edit-transitions.js';
import {addTask, cleanTasks, enqueueTasks, type NewTask, removeTasks, restartTasks, stashTasks, switchTasks} from '../../source/daemon/state/transitions.js';

const base: NewTask = {command: 'true', cwd: '/', envId: 1, group: 'default', label: null, priority: 0, after: [], stashed: false, enqueueAt: null, cols: 120, rows: 40};
const local: WorkerCapacity[] = [{name: 'local', slots: 0, used: 0}];

function add(state: State, extra: Partial<NewTask> = {}) {
	return addTask(state, {...base, ...extra}, 1000, new Changes());
}

function starts(state: State, workers = local) {
	return selectStarts(state, workers, queuedInOrder(state)).map((assignment) => assignment.task.id);
}

function expectRefused(work: () => unknown, code: string) {
	try {
		work();
	} catch (error) {
		expect(error).toBeInstanceOf(TransitionError);
		expect((error as TransitionError).code).toBe(code);
		return;
	}

	throw new Error('expected a TransitionError');
}

describe('adding tasks', () => {
	it('gives increasing ids that are never reused', () => {
		const state = createState();
		expect([add(state).id, add(state).id]).toEqual([1, 2]);
		removeTasks(state, [2], new Changes());
		expect(add(state).id).toBe(3);
	});

	it('refuses an unknown group or dependency, changing nothing', () => {
		const state = createState();
		expectRefused(() => add(state, {group: 'nope'}), 'not_found');
		expectRefused(() => add(state, {after: [42]}), 'not_found');
		expect(state.tasks.size).toBe(0);
		expect(state.nextTaskId).toBe(1);
	});

	it('stashes delayed tasks until their time', () => {
		const state = createState();
		const task = add(state, {enqueueAt: 5000});
		expect(task.status).toBe('Stashed');
		expect(nextWake(state)).toBe(5000);
		expect(enqueueDue(state, 4999, new Changes())).toEqual([]);
		expect(enqueueDue(state, 5000, new Changes()).map((due) => due.id)).toEqual([task.id]);
		expect(task.status).toBe('Queued');
		expect(nextWake(state)).toBeUndefined();
	});
});

describe('scheduling', () => {
	it('starts by priority desc, then id asc, within the group parallel', () => {
		const state = createState(2);
		add(state);
		add(state, {priority: 5});
		add(state);
		add(state, {priority: 5});
		expect(starts(state)).toEqual([2, 4]);
	});

	it('treats parallel 0 as unlimited and honours it per group', () => {
		const state = createState(1);
		addGroup(state, 'wide', 0, new Changes());
		for (let index = 0; index < 3; index++) add(state);
		for (let index = 0; index < 5; index++) add(state, {group: 'wide'});
		expect(starts(state)).toEqual([1, 4, 5, 6, 7, 8]);
	});

	it('counts running and paused tasks against the group', () => {
		const state = createState(2);
		const first = add(state);
		add(state);
		add(state);
		markStarted(first, 'local', 1, new Changes());
		first.status = 'Paused';
		expect(starts(state)).toEqual([2]);
	});

	it('does not start tasks of a paused group', () => {
		const state = createState(2);
		add(state);
		state.groups.get('default')!.status = 'Paused';
		expect(starts(state)).toEqual([]);
	});

	it('waits for dependencies across groups, and fails dependants of a failure transitively', () => {
		const state = createState(4);
		addGroup(state, 'other', 1, new Changes());
		const first = add(state, {group: 'other'});
		const second = add(state, {after: [first.id]});
		const third = add(state, {after: [second.id]});
		expect(starts(state)).toEqual([first.id]);
		markStarted(first, 'local', 1, new Changes());
		markDone(first, {result: 'Success', exitCode: 0}, 2, new Changes());
		expect(starts(state)).toEqual([second.id]);
		markStarted(second, 'local', 3, new Changes());
		markDone(second, {result: 'Failed', exitCode: 1}, 4, new Changes());
		const changes = new Changes();
		expect(failBlockedDependants(state, 5, changes).map((task) => task.id)).toEqual([third.id]);
		expect(third).toMatchObject({status: 'Done', result: 'DependencyFailed'});
		expect(changes.tasks.has(third.id)).toBe(true);
	});

	it('places tasks on the least loaded worker that serves the group, within worker slots', () => {
		const state = createState(0);
		addGroup(state, 'gpu', 0, new Changes());
		for (let index = 0; index < 4; index++) add(state);
		add(state, {group: 'gpu'});
		const workers: WorkerCapacity[] = [
			{name: 'a', slots: 2, used: 1},
			{name: 'b', slots: 2, used: 0},
			{name: 'g', slots: 1, used: 0, groups: new Set(['gpu'])},
		];
		const assignments = selectStarts(state, workers, queuedInOrder(state));
		expect(assignments.map((assignment) => [assignment.task.id, assignment.worker])).toEqual([
			[1, 'b'],
			[2, 'a'],
			[3, 'b'],
			[5, 'g'],
		]);
	});
});

describe('unlimited workers', () => {
	it('share work with limited workers instead of always looking idle', () => {
		const state = createState(0);
		for (let index = 0; index < 4; index++) add(state);
		const workers: WorkerCapacity[] = [
			{name: 'local', slots: 0, used: 0, loadBase: 2},
			{name: 'remote', slots: 2, used: 0},
		];
		const placed = selectStarts(state, workers, queuedInOrder(state)).map((assignment) => assignment.worker);
		expect(placed.filter((name) => name === 'remote')).toHaveLength(2);
		expect(placed.filter((name) => name === 'local')).toHaveLength(2);
	});
});

describe('changing tasks', () => {
	it('refuses to remove running tasks and tasks others wait for, unless those go too', () => {
		const state = createState();
		const first = add(state);
		const second = add(state, {after: [first.id]});
		expectRefused(() => removeTasks(state, [first.id], new Changes()), 'invalid_state');
		expect(removeTasks(state, [first.id, second.id], new Changes())).toEqual([first.id, second.id]);
		const running = add(state);
		markStarted(running, 'local', 1, new Changes());
		expectRefused(() => removeTasks(state, [running.id], new Changes()), 'invalid_state');
	});

	it('removes what can go of a mixed set, and says why the rest stays, through chains of dependencies', () => {
		const state = createState();
		const a = add(state);
		const b = add(state, {after: [a.id]});
		const c = add(state, {after: [b.id]});
		const free = add(state);
		markStarted(c, 'local', 1, new Changes());
		const changes = new Changes();
		const {removed, refused} = removeWhatCan(state, [a.id, 999, b.id, c.id, free.id, free.id], changes);
		// c runs, so b (which c waits for) stays, and so a (which b waits for).
		expect(removed).toEqual([free.id]);
		expect(refused.map((refusal) => [refusal.id, refusal.code])).toEqual([
			[a.id, 'invalid_state'],
			[999, 'not_found'],
			[b.id, 'invalid_state'],
			[c.id, 'invalid_state'],
		]);
		expect(refused[0]!.message).toBe(`task ${b.id} depends on task ${a.id}; remove that task too, or first`);
		expect(refused[3]!.message).toMatch(/is running: kill it first/);
		expect([...state.tasks.keys()]).toEqual([a.id, b.id, c.id]);
		expect(changes.empty).toBe(false);
	});

	it('switches two queued tasks, dependencies following', () => {
		const state = createState();
		const a = add(state, {command: 'a'});
		const b = add(state, {command: 'b'});
		const c = add(state, {command: 'c', after: [a.id]});
		switchTasks(state, a.id, b.id, new Changes());
		expect(state.tasks.get(1)!.command).toBe('b');
		expect(state.tasks.get(2)!.command).toBe('a');
		expect(state.tasks.get(c.id)!.after).toEqual([2]);
		markStarted(state.tasks.get(3)!, 'local', 1, new Changes());
		expectRefused(() => switchTasks(state, 1, 3, new Changes()), 'invalid_state');
	});

	it('stashes and enqueues', () => {
		const state = createState();
		const task = add(state);
		stashTasks([task], new Changes());
		expect(task.status).toBe('Stashed');
		enqueueTasks([task], null, 0, new Changes());
		expect(task.status).toBe('Queued');
		enqueueTasks([task], 9000, 100, new Changes());
		expect(task).toMatchObject({status: 'Stashed', enqueueAt: 9000});
		markStarted(task, 'local', 1, new Changes());
		expectRefused(() => stashTasks([task], new Changes()), 'invalid_state');
	});

	it('edits tasks that are not running', () => {
		const state = createState();
		const task = add(state);
		editTask(state, task.id, {command: 'echo hi', label: 'x', priority: 3}, new Changes());
		expect(task).toMatchObject({command: 'echo hi', label: 'x', priority: 3});
		expectRefused(() => editTask(state, task.id, {command: '  '}, new Changes()), 'bad_request');
		markStarted(task, 'local', 1, new Changes());
		expectRefused(() => editTask(state, task.id, {command: 'x'}, new Changes()), 'invalid_state');
	});

	it('restarts finished tasks as new ones or in place', () => {
		const state = createState();
		const task = add(state, {label: 'nightly'});
		markStarted(task, 'local', 1, new Changes());
		expectRefused(() => restartTasks(state, [task], {inPlace: false, stashed: false}, 2, new Changes()), 'invalid_state');
		markDone(task, {result: 'Failed', exitCode: 2}, 3, new Changes());
		const [copy] = restartTasks(state, [task], {inPlace: false, stashed: true}, 4, new Changes());
		expect(copy).toMatchObject({id: 2, status: 'Stashed', label: 'nightly', command: 'true'});
		const [same] = restartTasks(state, [task], {inPlace: true, stashed: false}, 5, new Changes());
		expect(same).toBe(task);
		expect(task).toMatchObject({status: 'Queued', result: null, exitCode: null, startedAt: null});
	});

	it('cleans finished tasks but keeps those an unfinished task waits for', () => {
		const state = createState();
		const ok = add(state);
		const bad = add(state);
		const kept = add(state);
		add(state, {after: [kept.id]});
		for (const [task, result] of [
			[ok, 'Success'],
			[bad, 'Failed'],
			[kept, 'Success'],
		] as const) {
			markStarted(task, 'local', 1, new Changes());
			markDone(task, {result}, 2, new Changes());
		}

		expect(cleanTasks(state, {successfulOnly: true}, new Changes())).toEqual([ok.id]);
		expect(cleanTasks(state, {successfulOnly: false}, new Changes())).toEqual([bad.id]);
		expect([...state.tasks.keys()]).toEqual([3, 4]);
	});
});

describe('groups', () => {
	it('adds, refuses duplicates and bad names, sets parallel, refuses parallel < 0', () => {
		const state = createState();
		addGroup(state, 'gpu', 2, new Changes());
		expectRefused(() => addGroup(state, 'gpu', 1, new Changes()), 'conflict');
		expectRefused(() => addGroup(state, 'a b', 1, new Changes()), 'bad_request');
		setParallel(state, 'gpu', 0, new Changes());
		expect(state.groups.get('gpu')!.parallel).toBe(0);
		expectRefused(() => setParallel(state, 'gpu', -1, new Changes()), 'bad_request');
		expectRefused(() => setParallel(state, 'nope', 1, new Changes()), 'not_found');
	});

	it('refuses to remove default or a group with unfinished tasks', () => {
		const state = createState();
		addGroup(state, 'gpu', 1, new Changes());
		expectRefused(() => removeGroup(state, 'default', new Changes()), 'invalid_state');
		const task = add(state, {group: 'gpu'});
		expectRefused(() => removeGroup(state, 'gpu', new Changes()), 'invalid_state');
		markStarted(task, 'local', 1, new Changes());
		markDone(task, {result: 'Success'}, 2, new Changes());
		removeGroup(state, 'gpu', new Changes());
		expect(state.groups.has('gpu')).toBe(false);
		expect(task.group).toBe('default');
	});
});

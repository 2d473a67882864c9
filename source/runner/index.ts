export {startTask} from './run-task.js';
export {SpawnError} from './spawn-error.js';
export type {RunExit, RunHandlers, RunningTask, RunSpec} from './types.js';

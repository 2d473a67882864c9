export {startTask} from './run-task.js';
export {SpawnError} from './spawn-error.js';
export type {RunExit, RunningTask, RunSpec} from './types.js';

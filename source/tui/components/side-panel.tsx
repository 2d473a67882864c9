// The groups and workers panel (W).
import {Box, Text} from 'ink';
import type {Group, WorkerEntry} from '../../protocol/model.js';

/** Host, load, and when the daemon last heard from a remote worker. */
function workerDetails(worker: WorkerEntry): string {
	const parts: string[] = [];
	if (typeof worker.host === 'string') parts.push(worker.host);
	if (typeof worker.load === 'number') parts.push(`load ${worker.load.toFixed(2)}`);
	if (typeof worker.lastHeard === 'number') parts.push(`heard ${Math.max(0, Math.round((Date.now() - worker.lastHeard) / 1000))}s ago`);
	return parts.join(' · ');
}

type Props = {groups: readonly Group[]; workers: readonly WorkerEntry[]; running: ReadonlyMap<string, number>; width: number; height: number};

export function SidePanel({groups, workers, running, width, height}: Props) {
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="single" borderColor="gray" paddingX={1} overflow="hidden">
			<Text bold>Groups</Text>
			{groups.map((group) => (
				<Text key={group.name} wrap="truncate-end">
					<Text color={group.status === 'Running' ? 'green' : 'yellow'}>{group.status === 'Running' ? '▶' : '‖'}</Text> {group.name}{' '}
					<Text dimColor>
						{running.get(group.name) ?? 0}/{group.parallel === 0 ? '∞' : group.parallel}
					</Text>
				</Text>
			))}
			<Text bold>Workers</Text>
			{workers.map((worker) => (
				<Box key={worker.name} flexDirection="column">
					<Text wrap="truncate-end">
						<Text color={worker.status === 'Connected' ? 'green' : worker.status === 'Reconnecting' || worker.status === 'Leaving' ? 'yellow' : 'red'}>●</Text> {worker.name}{' '}
						<Text dimColor>
							{worker.used}/{worker.slots === 0 ? '∞' : worker.slots} {worker.groups ? worker.groups.join(',') : 'all'}
							{worker.status === 'Connected' ? '' : ` ${worker.status.toLowerCase()}`}
						</Text>
					</Text>
					{worker.name === 'local' ? null : (
						<Text dimColor wrap="truncate-end">
							{' '}
							{workerDetails(worker)}
						</Text>
					)}
				</Box>
			))}
		</Box>
	);
}

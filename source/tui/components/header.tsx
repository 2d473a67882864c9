// Top lines: the daemon and connection, counts by status, and each group.
import {Box, Text} from 'ink';
import type {QueueSnapshot} from '../queue-store.js';

type Props = {snapshot: QueueSnapshot; width: number};

const order: Array<[string, string, string]> = [
	['running', 'Running', 'cyan'],
	['paused', 'Paused', 'yellow'],
	['queued', 'Queued', 'yellow'],
	['stashed', 'Stashed', 'gray'],
	['locked', 'Locked', 'blue'],
	['failed', 'Failed', 'red'],
	['success', 'Done', 'green'],
];

export function Header({snapshot, width}: Props) {
	const {daemon, connection, connectionError, groups} = snapshot;
	const {counts, running} = snapshot.stats;

	const state =
		connection === 'connected' ? (
			<Text color="green">● connected</Text>
		) : connection === 'connecting' ? (
			<Text color="yellow">○ connecting…</Text>
		) : (
			<Text color="red">○ reconnecting… {connectionError ? `(${connectionError})` : ''}</Text>
		);
	return (
		<Box flexDirection="column" width={width}>
			<Box>
				<Text wrap="truncate-end">
					<Text bold color="cyan">
						spool
					</Text>
					<Text dimColor>
						{' '}
						{daemon.version ? `v${daemon.version}` : ''} · {daemon.endpoint ?? ''} ·{' '}
					</Text>
					{state}
					<Text dimColor> · </Text>
					{order.map(([key, label, color]) =>
						counts[key] ? (
							<Text key={key} color={color}>
								{counts[key]} {label.toLowerCase()}
								{'  '}
							</Text>
						) : null,
					)}
					{snapshot.order.length === 0 ? <Text dimColor>no tasks</Text> : null}
				</Text>
			</Box>
			{daemon.problem ? (
				<Box>
					<Text wrap="truncate-end" color="red" bold>
						⚠ {daemon.problem}
					</Text>
				</Box>
			) : null}
			<Box>
				<Text wrap="truncate-end">
					{groups.map((group) => (
						<Text key={group.name}>
							<Text color={group.status === 'Running' ? 'green' : 'yellow'}>{group.status === 'Running' ? '▶' : '‖'}</Text> {group.name}{' '}
							<Text dimColor>
								{running.get(group.name) ?? 0}/{group.parallel === 0 ? '∞' : group.parallel}
							</Text>
							{'   '}
						</Text>
					))}
				</Text>
			</Box>
		</Box>
	);
}

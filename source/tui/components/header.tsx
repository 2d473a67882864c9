// Top lines: the daemon and connection, counts by status, and each group.
// While the daemon is away the counts are the last ones it sent: the header
// says since when they are stale, and dims them. On a narrow terminal the
// endpoint gives way first (shortened from the left, then left out), so the
// connection and the counts stay whole.
import {Box, Text} from 'ink';
import {fitPath, formatTime} from '../../shared/format.js';
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
	const {daemon, connection, connectionError, groups, staleSince} = snapshot;
	const stale = staleSince !== undefined;
	const {counts, running} = snapshot.stats;
	const shown = order.filter(([key]) => counts[key]);
	// The first line's text without the endpoint, to know how much room the endpoint has.
	const version = daemon.version ? `v${daemon.version}` : '';
	const stateText =
		connection === 'connected'
			? '● connected'
			: connection === 'connecting'
				? '○ connecting…'
				: `○ reconnecting…${stale ? ` stale since ${formatTime(staleSince)}` : ''}${connectionError ? ` (${connectionError})` : ''}`;
	const countsText = snapshot.order.length === 0 ? 'no tasks' : shown.map(([key, label]) => `${counts[key]} ${label.toLowerCase()}  `).join('');
	const room = width - [...`spool ${version} ·  · ${stateText} · ${countsText}`].length;
	const endpoint = daemon.endpoint && room >= 12 ? fitPath(daemon.endpoint, room) : undefined;

	const state =
		connection === 'connected' ? (
			<Text color="green">● connected</Text>
		) : connection === 'connecting' ? (
			<Text color="yellow">○ connecting…</Text>
		) : (
			<Text color="red">
				○ reconnecting…
				{stale ? (
					<Text color="yellow" bold>
						{' '}
						stale since {formatTime(staleSince)}
					</Text>
				) : null}
				{connectionError ? ` (${connectionError})` : ''}
			</Text>
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
						{version} · {endpoint === undefined ? '' : `${endpoint} · `}
					</Text>
					{state}
					<Text dimColor> · </Text>
					{shown.map(([key, label, color]) => (
						<Text key={key} color={color} dimColor={stale}>
							{counts[key]} {label.toLowerCase()}
							{'  '}
						</Text>
					))}
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

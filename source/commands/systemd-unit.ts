// A systemd unit for `spool daemon`, user or system flavour.
import os from 'node:os';

export function systemdUnit(kind: 'user' | 'system', bin: string, home: string | undefined): string {
	const homeArg = home ? ` --home ${home}` : '';
	const user = os.userInfo().username;
	return `# ${kind === 'user' ? `~/.config/systemd/user/spool.service — enable with: systemctl --user enable --now spool` : `/etc/systemd/system/spool.service — enable with: systemctl enable --now spool`}
[Unit]
Description=spool task queue daemon
After=network.target

[Service]
Type=simple
ExecStart=${process.execPath} ${bin} daemon${homeArg}
ExecStop=${process.execPath} ${bin} shutdown${homeArg}
# Running tasks are killed and recorded as Killed on stop; give them the grace period.
TimeoutStopSec=30
KillMode=mixed
Restart=on-failure
${kind === 'system' ? `User=${user}\n` : ''}
[Install]
WantedBy=${kind === 'user' ? 'default.target' : 'multi-user.target'}
`;
}

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

/** A systemd unit for `spool worker`, with the worker's settings spelled out on its command line. */
export function workerSystemdUnit(kind: 'user' | 'system', bin: string, args: readonly string[]): string {
	const user = os.userInfo().username;
	const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replaceAll(/(["\\$`])/g, '\\$1')}"`);
	return `# ${kind === 'user' ? `~/.config/systemd/user/spool-worker.service — enable with: systemctl --user enable --now spool-worker` : `/etc/systemd/system/spool-worker.service — enable with: systemctl enable --now spool-worker`}
[Unit]
Description=spool worker
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=${[process.execPath, bin, 'worker', ...args].map((arg) => quote(arg)).join(' ')}
# SIGTERM goes to the worker alone, which stops its tasks itself (--on-stop);
# systemd kills whatever is left after TimeoutStopSec.
KillMode=mixed
TimeoutStopSec=600
# It reconnects by itself; a restart is only for a crash or a refused daemon.
Restart=on-failure
RestartSec=10
${kind === 'system' ? `User=${user}\n` : ''}
[Install]
WantedBy=${kind === 'user' ? 'default.target' : 'multi-user.target'}
`;
}

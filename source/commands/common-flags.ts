// Flags every command understands, merged into each command's own.
export const commonFlags = {
	home: {type: 'string'},
	json: {type: 'boolean', default: false},
	color: {type: 'string', choices: ['auto', 'always', 'never'], default: 'auto'},
	autostart: {type: 'boolean', default: true},
	connect: {type: 'string'},
	cert: {type: 'string'},
	fingerprint: {type: 'string'},
	secretFile: {type: 'string'},
} as const;

export const commonHelp = `
  Common options
    --home DIR             Keep everything (socket, secret, database, logs, config) in DIR
                           (default: XDG directories; or set SPOOL_HOME)
    --json                 Machine-readable output
    --color auto|always|never
    --no-autostart         Do not start a daemon when none answers
    --connect HOST:PORT    Talk to a daemon over TLS instead of the local socket
    --cert FILE            With --connect: the daemon's certificate to trust
    --fingerprint SHA256   With --connect: the daemon's certificate fingerprint to trust
    --secret-file FILE     The shared secret (default: the home's secret file)
`;

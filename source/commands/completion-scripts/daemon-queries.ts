// How every script asks the running daemon for task ids and group names
// without starting one (--no-autostart): `spool status --json` and
// `spool group --json`. Shells with a JSON reader (elvish, PowerShell,
// nushell) walk the parsed document; bash, zsh and fish read the
// pretty-printed lines with awk and sed (no jq needed). Either way a task is
// any object with a number "id" and a string "command", wherever it sits, so
// a reshaped document (tasks keyed by id, wrapped in another object) still
// completes; minified JSON would complete nothing, and nothing breaks. A
// group is an object with a "name" in `spool group --json`, a list of them
// or an object holding the list under "groups" ({groups: [...]}).

/**
 * awk over `spool status --json`: `id<TAB>command` per task, the command cut to 60
 * characters. Keys of one object share an indentation; a line indented less
 * than the last key seen closes that object.
 */
export const tasksAwk = [
	'{ match($0, /^ */); n = RLENGTH }',
	'n < at { id = ""; text = ""; at = -1 }',
	'/^ *"id": [0-9]+,?$/ { if (n != at) text = ""; at = n; id = $0; sub(/^ *"id": /, "", id); sub(/,$/, "", id) }',
	'/^ *"command": ".*",?$/ { if (n != at) id = ""; at = n; text = $0; sub(/^ *"command": "/, "", text); sub(/",?$/, "", text) }',
	String.raw`id != "" && text != "" { gsub(/\\"/, "\"", text); if (length(text) > 60) text = substr(text, 1, 57) "..."; print id "\t" text; id = ""; text = "" }`,
].join('\n');

/** sed over `spool group --json`: one group name a line. */
export const groupsSed = String.raw`s/^ *"name": "\(.*\)",\{0,1\}$/\1/p`;

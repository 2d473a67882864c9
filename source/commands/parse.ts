// Parses a command's argv with meow (its own flags plus the common ones) and
// resolves where the home is and what the config says.
import meow, {type AnyFlags, type Result} from 'meow';
import {type Config, type Paths, ConfigError, loadConfig, resolveHome, resolvePaths} from '../config.js';
import {commonFlags, commonHelp} from './common-flags.js';
import {usageError} from './exit-codes.js';
import {missingFlagValue} from './flag-values.js';
import {fileInTheWayProblem} from '../shared/home-dirs.js';
import packageJson from '../../package.json' with {type: 'json'};

/** The common flags' values, typed by hand so helpers can take any command's flags. */
export type CommonFlagValues = {
	home?: string | undefined;
	json: boolean;
	color: string;
	autostart: boolean;
	connect?: string | undefined;
	cert?: string | undefined;
	fingerprint?: string | undefined;
	secretFile?: string | undefined;
};

export type Parsed<F extends AnyFlags> = {
	input: string[];
	flags: Result<F>['flags'] & CommonFlagValues;
	paths: Paths;
	config: Config;
	showHelp: () => never;
};

export function parseCommand<F extends AnyFlags>(argv: string[], help: string, flags: F): Parsed<F> {
	const missing = missingFlagValue(argv, {...commonFlags, ...flags});
	if (missing) throw usageError(missing);
	let cli;
	try {
		cli = meow(`${help}${commonHelp}`, {
			importMeta: import.meta,
			argv,
			flags: {...commonFlags, ...flags},
			allowUnknownFlags: false,
			pkg: packageJson,
			description: false,
			helpIndent: 0,
		});
	} catch (error) {
		throw usageError((error as Error).message);
	}

	const paths = resolvePaths(resolveHome(cli.flags.home as string | undefined));
	// A home that is a file: said once here, not as a config file that cannot be read.
	const blocked = fileInTheWayProblem(paths.configDir, paths.home);
	if (blocked) throw usageError(blocked);
	let config: Config;
	try {
		config = loadConfig(paths.configFile);
	} catch (error) {
		if (error instanceof ConfigError) throw usageError(error.message);
		throw error;
	}

	return {
		input: cli.input,
		flags: cli.flags as Parsed<F>['flags'],
		paths,
		config,
		showHelp: () => cli.showHelp(0),
	};
}

import minimist from 'minimist';
import { UsageError } from './errors.js';

export interface GlobalFlags {
  dryRun: boolean;
  yes: boolean;
  verbose: boolean;
  quiet: boolean;
  color: boolean;
  version: boolean;
  help: boolean;
  list: boolean;
  envFile?: string;
}

const NO_FLAGS: GlobalFlags = {
  dryRun: false,
  yes: false,
  verbose: false,
  quiet: false,
  color: true,
  version: false,
  help: false,
  list: false,
};

const BOOLEAN_WORDS = new Set([
  '--dry-run',
  '--yes',
  '--verbose',
  '--quiet',
  '--no-color',
  '--color',
  '--version',
  '--help',
  '--list',
]);
const SHORT = /^-[nyvqh]+$/;
// just calls it --dotenv-path; Node 20 takes --env-file anywhere in its argv for itself
// (`node: x.env: not found`) before this code runs, so --dotenv-path is the form that
// works on every Node. --env-file stays for Node versions that leave it alone.
const ENV_FILE_FLAGS = ['--dotenv-path', '--env-file'];

/**
 * Global flags may appear anywhere on the line; they are taken out first and
 * everything else stays, in order, for the recipe (which may have flags of its
 * own, like template:render's gomplate -f/-o).
 */
export function splitArgv(argv: readonly string[]): { flags: GlobalFlags; words: string[] } {
  const globals: string[] = [];
  const words: string[] = [];
  let envFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i));
      break;
    }
    const envFlag = ENV_FILE_FLAGS.find((f) => word === f || word.startsWith(`${f}=`));
    if (envFlag) {
      const value = word === envFlag ? argv[++i] : word.slice(envFlag.length + 1);
      // A missing value must not be ignored (the run would quietly use another file).
      if (!value || (word === envFlag && value.startsWith('-')))
        throw new UsageError(`${envFlag} needs a file name`, `usage: ${envFlag} PATH`);
      envFile = value;
    } else if (BOOLEAN_WORDS.has(word) || SHORT.test(word)) globals.push(word);
    else words.push(word);
  }
  if (!globals.length) return { flags: { ...NO_FLAGS, envFile }, words };
  const m = minimist(globals, {
    boolean: ['dry-run', 'yes', 'verbose', 'quiet', 'color', 'version', 'help', 'list'],
    alias: { n: 'dry-run', y: 'yes', v: 'verbose', q: 'quiet', h: 'help' },
    default: { color: true },
  });
  return {
    flags: {
      dryRun: m['dry-run'],
      yes: m.yes,
      verbose: m.verbose,
      quiet: m.quiet,
      color: m.color,
      version: m.version,
      help: m.help,
      list: m.list,
      envFile,
    },
    words,
  };
}

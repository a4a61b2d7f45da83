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
  /** --context NAME: the kube context of every kubectl and helm call */
  context?: string;
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
const CONTEXT_FLAG = '--context';

/**
 * Global flags may appear anywhere on the line; they are taken out first and
 * everything else stays, in order, for the recipe (which may have flags of its
 * own, like template:render's gomplate -f/-o).
 */
export function splitArgv(
  argv: readonly string[],
  opts: { kubeContext?: boolean } = {},
): SplitArgv {
  const globals: string[] = [];
  const words: string[] = [];
  let envFile: string | undefined;
  let context: string | undefined;
  // A recipe that parses its own argv (template:render: gomplate's --context alias=file)
  // keeps --context: the caller splits again with kubeContext false.
  const valueFlags =
    opts.kubeContext === false ? ENV_FILE_FLAGS : [...ENV_FILE_FLAGS, CONTEXT_FLAG];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i));
      break;
    }
    const valueFlag = valueFlags.find((f) => word === f || word.startsWith(`${f}=`));
    if (valueFlag) {
      const value = word === valueFlag ? argv[++i] : word.slice(valueFlag.length + 1);
      const what = valueFlag === CONTEXT_FLAG ? 'a kube context name' : 'a file name';
      // A missing value must not be ignored (the run would quietly use another file or cluster).
      if (!value || (word === valueFlag && value.startsWith('-')))
        throw new UsageError(
          `${valueFlag} needs ${what}`,
          `usage: ${valueFlag} ${valueFlag === CONTEXT_FLAG ? 'NAME' : 'PATH'}`,
        );
      if (valueFlag === CONTEXT_FLAG) context = value;
      else envFile = value;
    } else if (BOOLEAN_WORDS.has(word) || SHORT.test(word)) globals.push(word);
    else words.push(word);
  }
  if (!globals.length) return { flags: { ...NO_FLAGS, envFile, context }, words };
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
      context,
    },
    words,
  };
}

export interface SplitArgv {
  flags: GlobalFlags;
  words: string[];
}

/** `ns:recipe …` to run, not to describe (--help, --list, --version ask for the manifest). */
export function isRecipeRun({ flags, words }: SplitArgv): boolean {
  const first = words[0];
  return (
    !!first?.includes(':') && !first.startsWith('-') && !flags.help && !flags.list && !flags.version
  );
}

import minimist from 'minimist';

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

/**
 * Global flags may appear anywhere on the line; they are taken out first and
 * everything else stays, in order, for the recipe (which may have flags of its
 * own, like template:render's gomplate -f/-o).
 */
export function splitArgv(argv: readonly string[]): { flags: GlobalFlags; words: string[] } {
  const globals: string[] = [];
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      words.push(...argv.slice(i));
      break;
    }
    if (BOOLEAN_WORDS.has(word) || SHORT.test(word) || word.startsWith('--env-file='))
      globals.push(word);
    else if (word === '--env-file') globals.push(word, argv[++i] ?? '');
    else words.push(word);
  }
  if (!globals.length) return { flags: { ...NO_FLAGS }, words };
  const m = minimist(globals, {
    boolean: ['dry-run', 'yes', 'verbose', 'quiet', 'color', 'version', 'help', 'list'],
    string: ['env-file'],
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
      envFile: m['env-file'] || undefined,
    },
    words,
  };
}

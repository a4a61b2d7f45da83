// A small pflag/cobra-style parser: flags may come anywhere, `--flag=v`, `--flag v`, `-fv`,
// `-f=v`, `-f v`; booleans take no separate value (`--wait=false` only). Any flag the
// command does not declare is "unsupported" (exit 2), so a typo fails the calling test.
import { CliError, Unsupported } from './io.js';

export type FlagType = 'bool' | 'string' | 'list';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export interface ParseOptions {
  tool: string;
  /** e.g. "get", "repo add": used in messages. */
  cmd: string;
  /** How the real CLI prefixes errors: kubectl `error: `, helm `Error: `. */
  errPrefix: string;
  /** Go's flag package (vault): `-name` is a long flag, no short flags. */
  goStyle?: boolean;
}

export interface Parsed {
  flags: Record<string, string | boolean | string[] | undefined>;
  positional: string[];
  /** Arguments after a bare `--` (undefined when there was none). */
  rest?: string[];
}

const BOOL_WORDS: Record<string, boolean> = {
  '1': true,
  t: true,
  T: true,
  true: true,
  TRUE: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  false: false,
  FALSE: false,
  False: false,
};

export function parseArgs(argv: string[], specs: FlagSpec[], o: ParseOptions): Parsed {
  const flags: Parsed['flags'] = {};
  const positional: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const set = (spec: FlagSpec, value: string | undefined, shown: string): void => {
    if (spec.type === 'bool') {
      if (value === undefined) flags[spec.name] = true;
      else if (value in BOOL_WORDS) flags[spec.name] = BOOL_WORDS[value];
      else
        throw new CliError(
          1,
          `${o.errPrefix}invalid argument "${value}" for "${shown}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`,
        );
    } else if (spec.type === 'list') {
      const prev = (flags[spec.name] as string[] | undefined) ?? [];
      flags[spec.name] = [...prev, value as string];
    } else flags[spec.name] = value;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { flags, positional, rest: argv.slice(i + 1) };
    // Go's flag package (vault) stops parsing flags at the first argument.
    if (a === '-' || !a.startsWith('-') || (o.goStyle && positional.length > 0)) {
      positional.push(a);
      continue;
    }
    const long = a.startsWith('--') || o.goStyle;
    if (long) {
      const body = a.replace(/^--?/, '');
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (!spec) throw new Unsupported(o.tool, `flag --${name} in "${o.tool} ${o.cmd}"`);
      let value = eq >= 0 ? body.slice(eq + 1) : undefined;
      if (value === undefined && spec.type !== 'bool') {
        if (i + 1 >= argv.length)
          throw new CliError(1, `${o.errPrefix}flag needs an argument: --${name}`);
        value = argv[++i];
      }
      set(spec, value, `--${name}`);
      continue;
    }
    // Short flags: -n NS, -nNS, -n=NS, -ojson; booleans may be grouped (-A).
    let j = 1;
    while (j < a.length) {
      const ch = a[j];
      const spec = byShort.get(ch);
      if (!spec) throw new Unsupported(o.tool, `flag -${ch} in "${o.tool} ${o.cmd}"`);
      const shown = `-${ch}, --${spec.name}`;
      if (spec.type === 'bool') {
        if (a[j + 1] === '=') {
          set(spec, a.slice(j + 2), shown);
          break;
        }
        set(spec, undefined, shown);
        j++;
        continue;
      }
      let value = a.slice(j + 1);
      if (value.startsWith('=')) value = value.slice(1);
      else if (value === '') {
        if (i + 1 >= argv.length)
          throw new CliError(1, `${o.errPrefix}flag needs an argument: '${ch}' in -${ch}`);
        value = argv[++i];
      }
      set(spec, value, shown);
      break;
    }
  }
  return { flags, positional };
}

export const str = (p: Parsed, name: string): string | undefined =>
  p.flags[name] as string | undefined;
export const bool = (p: Parsed, name: string): boolean => p.flags[name] === true;
export const list = (p: Parsed, name: string): string[] => (p.flags[name] as string[]) ?? [];

// gomplate's command line (the subset buun-stack uses) parsed like cobra/pflag does it:
// `-f IN`, `-fIN`, `-f=IN`, `--file IN`, `--file=IN`; -f/-o/-d repeat and are split like
// CSV. Anything else is rejected with pflag's or an explicit "not supported" message.
import { UsageError } from '../core/index.js';
import { quote } from '../gomplate/strconv-quote.js';

export interface GomplateArgs {
  files: string[];
  outs: string[];
  datasources: string[];
  /** --in/-i text; undefined when not given */
  input: string | undefined;
  missingKey: string | undefined;
  leftDelim: string | undefined;
  rightDelim: string | undefined;
  /** --context/-c alias=path, in order */
  contexts: string[];
  inputDir: string | undefined;
  outputDir: string | undefined;
}

// An error cobra reports before running is the core's UsageError (render-command prints it
// as "Error: …" as well as logging it).

/** Go's encoding/csv reading of one record (quotes, "" escapes). */
export function splitCsv(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (v[i] === '"') {
      i++;
      for (;;) {
        const q = v.indexOf('"', i);
        if (q < 0)
          throw new UsageError(
            `parse error on line 1, column ${v.length + 1}: extraneous or missing " in quoted-field`,
          );
        field += v.slice(i, q);
        i = q + 1;
        if (v[i] === '"') {
          field += '"';
          i++;
          continue;
        }
        break;
      }
      if (i < v.length && v[i] !== ',')
        throw new UsageError(
          `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`,
        );
    } else {
      const c = v.indexOf(',', i);
      field = c < 0 ? v.slice(i) : v.slice(i, c);
      if (field.includes('"'))
        throw new UsageError(
          `parse error on line 1, column ${i + field.indexOf('"') + 1}: bare " in non-quoted-field`,
        );
      i = c < 0 ? v.length : c;
    }
    out.push(field);
    if (i >= v.length) return out;
    i++; // comma
    if (i >= v.length) {
      out.push('');
      return out;
    }
  }
}

const UNSUPPORTED = new Set([
  'datasource-header',
  'H',
  'plugin',
  'exclude',
  'exclude-processing',
  'include',
  'template',
  't',
  'output-map',
  'chmod',
  'exec-pipe',
  'experimental',
  'config',
  'help',
  'h',
  'version',
  'v',
]);

interface FlagDef {
  long: string;
  short: string;
  set(a: GomplateArgs, v: string): void;
}

const append =
  (key: 'files' | 'outs' | 'datasources' | 'contexts') => (a: GomplateArgs, v: string) => {
    a[key].push(...splitCsv(v));
  };

const FLAGS: FlagDef[] = [
  { long: 'file', short: 'f', set: append('files') },
  { long: 'out', short: 'o', set: append('outs') },
  { long: 'datasource', short: 'd', set: append('datasources') },
  { long: 'context', short: 'c', set: append('contexts') },
  { long: 'input-dir', short: '', set: (a, v) => (a.inputDir = v) },
  { long: 'output-dir', short: '', set: (a, v) => (a.outputDir = v) },
  { long: 'in', short: 'i', set: (a, v) => (a.input = v) },
  { long: 'missing-key', short: '', set: (a, v) => (a.missingKey = v) },
  { long: 'left-delim', short: '', set: (a, v) => (a.leftDelim = v) },
  { long: 'right-delim', short: '', set: (a, v) => (a.rightDelim = v) },
];

export function parseGomplateArgs(argv: string[]): GomplateArgs {
  const a: GomplateArgs = {
    files: [],
    outs: [],
    datasources: [],
    input: undefined,
    missingKey: undefined,
    leftDelim: undefined,
    rightDelim: undefined,
    contexts: [],
    inputDir: undefined,
    outputDir: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let def: FlagDef | undefined;
    let val: string | undefined;
    if (arg === '--')
      throw new UsageError('a post-exec command (after --) is not supported by this engine');
    if (arg.startsWith('--')) {
      let name = arg.slice(2);
      const eq = name.indexOf('=');
      if (eq >= 0) {
        val = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      if (name === 'verbose') continue;
      def = FLAGS.find((f) => f.long === name);
      if (!def) {
        if (UNSUPPORTED.has(name))
          throw new UsageError(`gomplate flag --${name} is not supported by this engine`);
        throw new UsageError(`unknown flag: --${name}`);
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      const name = arg[1]!;
      if (name === 'V' && arg.length === 2) continue;
      def = FLAGS.find((f) => f.short === name);
      if (!def) {
        if (UNSUPPORTED.has(name))
          throw new UsageError(`gomplate flag -${name} is not supported by this engine`);
        throw new UsageError(`unknown shorthand flag: '${name}' in ${arg}`);
      }
      if (arg.length > 2) val = arg.slice(2).replace(/^=/, '');
    } else {
      throw new UsageError(`unknown command "${arg}" for "gomplate"`);
    }
    if (val === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: --${def.long}`);
      val = argv[++i]!;
    }
    try {
      def.set(a, val);
    } catch (e) {
      throw new UsageError(
        `invalid argument ${quote(val)} for --${def.long} flag: ${(e as Error).message}`,
      );
    }
  }
  return a;
}

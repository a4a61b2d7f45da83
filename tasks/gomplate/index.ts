// Public API of the gomplate-compatible template engine. `render` is pure apart from the
// injected file reader; parsed templates are cached by name and text.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TemplateError } from './errors.js';
import { ExecError, type MissingKey, type Program, type Registry } from './exec-state.js';
import { execute } from './exec.js';
import { ENV } from './funcs/env.js';
import { REGISTRY, hasFunction } from './funcs/registry.js';
import type { FuncContext } from './funcs/types.js';
import { fromBuffer } from './gostring.js';
import { ParseError, parseTemplate } from './parser.js';
import { printV } from './fmt.js';
import { readDatasource } from './funcs/data.js';
import { seeded } from './funcs/random.js';
import { TemplateSet } from './template-set.js';
import { FuncError } from './funcs/types.js';
import { GoMap, GoObject, type GoValue, type Val } from './values.js';

export { TemplateError } from './errors.js';

export interface RenderOptions {
  /** template name in errors; default '<arg>' */
  name?: string;
  /** .Env / env.Getenv; default {} */
  env?: Record<string, string | undefined>;
  /** base for file.Read and datasource paths; default process.cwd() */
  cwd?: string;
  /** alias -> path (relative to cwd) */
  datasources?: Record<string, string>;
  /** injected reader (default: the file's bytes, UTF-8) for file.Read and datasources */
  readFile?: (absPath: string) => string;
  fileExists?: (absPath: string) => boolean;
  /** gomplate's --left-delim/--right-delim; '' or absent for {{ and }} */
  leftDelim?: string;
  rightDelim?: string;
  /** gomplate's --missing-key: error (default), zero, default or invalid */
  missingKey?: string;
  /** gomplate's --context: alias -> path; each is read before rendering and is `.alias`
   * (alias "." replaces the whole context, `.Env` included) */
  contexts?: Record<string, string>;
  /** seeds the random namespace so a render repeats (tests; gomplate has no seed) */
  randomSeed?: number;
  /** gomplate's --experimental: enables the experimental crypto functions */
  experimental?: boolean;
}

const MISSING_KEYS = ['error', 'zero', 'default', 'invalid'];

const CACHE_LIMIT = 500;
// Keyed by the text itself first: V8 keeps a string's hash, so looking up the same text
// again costs nothing, where a key built by concatenation would hash the whole text anew.
const cache = new Map<string, Map<string, Program>>();

function program(name: string, text: string, opts: RenderOptions): Program {
  const ld = opts.leftDelim ?? '';
  const rd = opts.rightDelim ?? '';
  const mk = opts.missingKey || 'error';
  const key = [name, ld, rd, mk].join('\u0000');
  let byOptions = cache.get(text);
  const hit = byOptions?.get(key);
  if (hit) return hit;
  const prog: Program = {
    text,
    parseName: name,
    trees: parseTemplate(name, text, hasFunction, ld, rd),
    missingKey: mk === 'default' ? 'invalid' : (mk as MissingKey),
  };
  if (!byOptions) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    byOptions = new Map();
    cache.set(text, byOptions);
  }
  byOptions.set(key, prog);
  return prog;
}

const ROOT = new GoObject('root', 'root', '*gomplate.tmplctx', 'map[]');

// The root context's only method is Env; everything else is a map lookup in it.
const registry: Registry = {
  lookup: (name) => REGISTRY.lookup(name),
  method: (ns, name) =>
    ns === 'root' ? (name === 'Env' ? ENV.Env : undefined) : REGISTRY.method(ns, name),
};

const defaultReadFile = (absPath: string): string => fromBuffer(readFileSync(absPath));

/** gomplate's createTmplContext: every context read up front, in the given order. */
function contextRoot(ctx: FuncContext, aliases: string[]): Val {
  const data = new GoMap();
  for (const alias of aliases) {
    let value: GoValue;
    try {
      value = readDatasource(ctx, alias, []);
    } catch (e) {
      if (e instanceof FuncError) throw new TemplateError(e.message);
      throw e;
    }
    if (alias === '.') return value;
    data.m.set(alias, value);
  }
  return new GoObject('root', 'root', '*gomplate.tmplctx', printV(data), data);
}

/** Renders template text like `gomplate -i TEXT`; throws TemplateError. */
export function render(text: string, opts: RenderOptions = {}): string {
  const name = opts.name ?? '<arg>';
  let prog: Program;
  const mk = opts.missingKey || 'error';
  if (!MISSING_KEYS.includes(mk))
    throw new TemplateError(
      `renderTemplate: parse template ${name}: not allowed value for the 'missing-key' flag: ${mk}. Allowed values: ${MISSING_KEYS.join(',')}`,
    );
  try {
    prog = program(name, text, opts);
  } catch (e) {
    if (e instanceof ParseError)
      throw new TemplateError(`renderTemplate: parse template ${name}: ${e.message}`);
    throw e;
  }
  const ctx: FuncContext = {
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    readFile: opts.readFile ?? defaultReadFile,
    fileExists: opts.fileExists ?? existsSync,
    datasources: { ...(opts.datasources ?? {}), ...(opts.contexts ?? {}) },
    dsCache: new Map<string, GoValue>(),
    experimental: opts.experimental ?? false,
    ...(opts.randomSeed === undefined ? {} : { random: seeded(opts.randomSeed) }),
  };
  const root = opts.contexts ? contextRoot(ctx, Object.keys(opts.contexts)) : ROOT;
  const set = new TemplateSet(prog, registry, ctx, root, {
    path: name,
    hasFunction,
    leftDelim: opts.leftDelim ?? '',
    rightDelim: opts.rightDelim ?? '',
  });
  ctx.tmpl = set;
  const out: string[] = [];
  try {
    execute(prog, name, registry, ctx, root, out);
  } catch (e) {
    if (e instanceof ExecError) {
      throw new TemplateError(
        `renderTemplate: failed to render template ${name}: ${e.message}`,
        out.join(''),
      );
    }
    // Nesting deeper than the JS stack (data or calls the depth limit does not count):
    // an error of the template, never a crash of the caller.
    if (e instanceof RangeError && /call stack/i.test(e.message))
      throw new TemplateError(
        `renderTemplate: failed to render template ${name}: template: ${name}: nested too deeply for this engine (the JavaScript stack is exhausted)`,
        out.join(''),
      );
    throw e;
  } finally {
    set.restore();
  }
  return out.join('');
}

/** Renders a template file; its name in errors is the path as given. */
export function renderFile(path: string, opts: RenderOptions = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const read = opts.readFile ?? defaultReadFile;
  let text: string;
  try {
    text = read(resolve(cwd, path));
  } catch {
    const abs = resolve(cwd, path).replace(/^\//, '');
    throw new TemplateError(
      `failed to gather templates for rendering: fileToTemplate: stat ${JSON.stringify(path)}: stat ${abs}: no such file or directory`,
    );
  }
  return render(text, { ...opts, name: opts.name ?? path, cwd });
}

/** gomplate's empty-skipper rule: only space, \t, \n, \r, \v. */
export function isWhitespaceOnly(s: string): boolean {
  return /^[ \t\n\r\v]*$/.test(s);
}

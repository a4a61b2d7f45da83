// gomplate's env namespace: .Env-like lookups that never fail, with the KEY_FILE rule.
import { resolve } from 'node:path';
import { GoMap, type GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { type FuncContext, type GoFunc, fn } from './types.js';

export function getenv(ctx: FuncContext, key: string, defs: string[]): string {
  let val = ctx.env[key] ?? '';
  if (val === '') {
    const p = ctx.env[key + '_FILE'];
    if (p) {
      try {
        val = ctx
          .readFile(resolve(ctx.cwd, p))
          .replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, '');
      } catch {
        // unreadable KEY_FILE: gomplate falls back to the default
      }
    }
  }
  if (val === '' && defs.length > 0) return defs[0]!;
  return val;
}

// Go builds a fresh map on every .Env; the environment cannot change during a render,
// so one map per render is equivalent (and .Env.X is the hot path of real templates).
const envMaps = new WeakMap<FuncContext, GoMap>();

export function envMap(ctx: FuncContext): GoMap {
  const cached = envMaps.get(ctx);
  if (cached) return cached;
  const m = new Map<string, GoValue>();
  for (const [k, v] of Object.entries(ctx.env)) if (k !== '' && v !== undefined) m.set(k, v);
  const map = new GoMap(m, 'string');
  envMaps.set(ctx, map);
  return map;
}

const isSpecial = (c: string | undefined) => c !== undefined && '*#$@!?-0123456789'.includes(c);
const isAlphaNum = (c: string) => /^[_0-9a-zA-Z]$/.test(c);

/** os.getShellName: the name after a '$' and how many characters it takes. */
function shellName(s: string): [string, number] {
  if (s[0] === '{') {
    if (s.length > 2 && isSpecial(s[1]) && s[2] === '}') return [s[1]!, 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === '}') return i === 1 ? ['', 2] : [s.slice(1, i), i + 1];
    }
    return ['', 1];
  }
  if (isSpecial(s[0])) return [s[0]!, 1];
  let i = 0;
  while (i < s.length && isAlphaNum(s[i]!)) i++;
  return [s.slice(0, i), i];
}

/** os.Expand with gomplate's getenv (KEY_FILE included). */
export function expandEnv(ctx: FuncContext, s: string): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '$' && j + 1 < s.length) {
      out += s.slice(i, j);
      const [name, w] = shellName(s.slice(j + 1));
      if (name === '' && w > 0) {
        // bad syntax: eaten
      } else if (name === '') out += '$';
      else out += getenv(ctx, name, []);
      j += w;
      i = j + 1;
    }
  }
  return out + s.slice(i);
}

export const ENV: Record<string, GoFunc> = {
  ExpandEnv: fn(['any'], 'concrete', ([s], ctx) => expandEnv(ctx, toGoString(s as GoValue))),
  Getenv: fn(
    ['any'],
    'concrete',
    ([k, ...d], ctx) => getenv(ctx, toGoString(k as GoValue), d as string[]),
    'string',
  ),
  HasEnv: fn(['any'], 'concrete', ([k], ctx) => ctx.env[toGoString(k as GoValue)] !== undefined),
  Env: fn([], 'concrete', (_a, ctx) => envMap(ctx)),
};

export const ENV_TOP: Record<string, GoFunc> = { getenv: ENV.Getenv! };

export const ENV_UNSUPPORTED: string[] = [];

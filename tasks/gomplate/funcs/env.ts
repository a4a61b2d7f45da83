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

export const ENV: Record<string, GoFunc> = {
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

export const ENV_UNSUPPORTED = ['ExpandEnv'];

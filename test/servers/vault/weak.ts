// mapstructure.WeakDecode-style conversions: Vault accepts "true"/"1" for booleans, numeric
// strings for integers and comma-separated strings for string lists.
import { DurationError, parseDurationSeconds } from './duration.js';
import { badRequest } from './errors.js';

export function weakBool(v: unknown, field: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['1', 't', 'true'].includes(s)) return true;
    if (['0', 'f', 'false', ''].includes(s)) return false;
  }
  throw badRequest(`Error decoding request: cannot parse '${field}' as bool: ${JSON.stringify(v)}`);
}

export function weakInt(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return parseInt(v, 10);
  throw badRequest(`Error decoding request: cannot parse '${field}' as int: ${JSON.stringify(v)}`);
}

export function weakString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw badRequest(`Error decoding request: '${field}' expected type 'string', got ${typeof v}`);
}

export function weakStrings(v: unknown, field: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return v.map((x) => String(x).trim());
  }
  throw badRequest(`Error decoding request: '${field}' expected a list of strings`);
}

export function weakStringMap(v: unknown, field: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      const s = weakString(val, `${field}[${k}]`);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  throw badRequest(`Error decoding request: '${field}' expected a map of strings`);
}

/** A duration field (seconds or Go duration string); Vault answers parse errors with 400. */
export function weakDuration(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  try {
    return parseDurationSeconds(v);
  } catch (e) {
    if (e instanceof DurationError) {
      throw badRequest(`Error decoding request: cannot parse '${field}': ${e.message}`);
    }
    throw e;
  }
}

import { parseDuration } from './duration.js';

/**
 * Variable declarations: the typed form of a justfile's
 * `export X := env("X", "default")` lines. One table per namespace feeds the
 * recipes' typed config, `--help`, validation and `.env.local.example`.
 */
export type VarType = 'string' | 'bool' | 'int' | 'duration' | 'enum';

export interface VarSpec<T = unknown> {
  type: VarType;
  description: string;
  /** default as written in .env.local (string form); undefined = no default */
  default?: string;
  /** enum choices */
  values?: readonly string[];
  /** never printed: --help shows set/unset, values are redacted */
  secret?: boolean;
  /** phantom: the parsed type */
  readonly __type?: T;
}

export type VarTable = Record<string, VarSpec>;
export type VarValue<S> = S extends VarSpec<infer T> ? T : never;
export type VarValues<V extends VarTable> = { [K in keyof V]: VarValue<V[K]> };

/** Free text; '' when unset and without default. */
export const str = (description: string, def?: string): VarSpec<string> => ({
  type: 'string',
  description,
  default: def,
});

/** A secret string (token, password). */
export const secret = (description: string): VarSpec<string> => ({
  type: 'string',
  description,
  secret: true,
});

/** `true`/`false`; empty means "not decided yet" (undefined) — recipes ask then. */
export const bool = (
  description: string,
  def?: 'true' | 'false',
): VarSpec<boolean | undefined> => ({
  type: 'bool',
  description,
  default: def,
});

export const int = (description: string, def: string): VarSpec<number> => ({
  type: 'int',
  description,
  default: def,
});

/** A Go duration or plain seconds; kept as written (templates need the text). */
export const duration = (description: string, def: string): VarSpec<string> => ({
  type: 'duration',
  description,
  default: def,
});

export const oneOf = <const T extends string>(
  values: readonly T[],
  description: string,
  def: T,
): VarSpec<T> => ({ type: 'enum', description, default: def, values });

/**
 * Parses one raw value (already resolved from env/file/default) into its type.
 * Returns an error message naming the variable when it does not parse.
 */
export function parseVar(
  name: string,
  spec: VarSpec,
  raw: string,
): { value: unknown } | { error: string } {
  switch (spec.type) {
    case 'string':
      return { value: raw };
    case 'bool':
      if (raw === '') return { value: undefined };
      if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
      return { error: `${name} must be true or false (got "${raw}")` };
    case 'int':
      if (/^-?\d+$/.test(raw.trim())) return { value: Number(raw.trim()) };
      return { error: `${name} must be an integer (got "${raw}")` };
    case 'duration':
      if (parseDuration(raw) !== undefined) return { value: raw.trim() };
      return {
        error: `${name} must be a duration such as 90s, 5m, 1h30m, 24h or plain seconds (got "${raw}")`,
      };
    case 'enum':
      if (spec.values?.includes(raw)) return { value: raw };
      return { error: `${name} must be one of ${spec.values?.join(', ')} (got "${raw}")` };
  }
}

// How template functions are described to the evaluator: Go-like signatures, so argument
// checking and conversion (and their error messages) follow text/template's evalCall.
import type { GoMap, GoValue, Val } from '../values.js';

/**
 * Parameter types. 'any' = interface {} (receives the dynamic value, null for nil);
 * 'value' = reflect.Value (receives the raw evaluator value, builtins only);
 * 'map' = map[string]interface {} (null for a nil map).
 */
export type ParamType = 'any' | 'string' | 'int' | 'bool' | 'float64' | 'value' | 'map';

export const GO_TYPE_NAMES: Record<ParamType, string> = {
  any: 'interface {}',
  string: 'string',
  int: 'int',
  bool: 'bool',
  float64: 'float64',
  value: 'reflect.Value',
  map: 'map[string]interface {}',
};

/** Services the gomplate functions may use; nothing else reaches the outside world. */
export interface FuncContext {
  env: Record<string, string | undefined>;
  cwd: string;
  readFile(absPath: string): string;
  fileExists(absPath: string): boolean;
  /** file.Stat/IsDir/Walk (default: node:fs statSync, read-only) */
  stat?(absPath: string): import('node:fs').BigIntStats;
  /** file.ReadDir/Walk: entry names (default: node:fs readdirSync) */
  readDir?(absPath: string): string[];
  datasources: Record<string, string>;
  dsCache: Map<string, GoValue>;
  /** gomplate's --experimental (the experimental crypto functions) */
  experimental?: boolean;
  /** the template set of the render (gomplate's tmpl namespace) */
  tmpl?: TmplHost;
  /** the random namespace's source in [0, 1); Math.random unless a test seeds it */
  random?: () => number;
}

/** "no context argument": a template run by tmpl.* gets the render's context. */
export const DEFAULT_CONTEXT = Symbol('default context');

/** What tmpl.* reach: the render's template set, its path and default context. */
export interface TmplHost {
  readonly path: string;
  pathDir(): string;
  /** `data` DEFAULT_CONTEXT: the render's own context */
  exec(name: string, data: Val | typeof DEFAULT_CONTEXT): string;
  inline(name: string, text: string, data: Val | typeof DEFAULT_CONTEXT): string;
}

export type Arg = GoValue | GoMap | Val;

export interface GoFunc {
  params: ParamType[];
  /** element type of a trailing variadic parameter */
  variadic?: ParamType;
  /** 'any' results are interface values; 'value' results are passed through as is */
  ret: 'any' | 'value' | 'concrete';
  call(args: Arg[], ctx: FuncContext): Val;
}

/** An error a function returns (Go's `error` result). */
export class FuncError extends Error {}

export const fn = (
  params: ParamType[],
  ret: GoFunc['ret'],
  call: GoFunc['call'],
  variadic?: ParamType,
): GoFunc => (variadic ? { params, variadic, ret, call } : { params, ret, call });

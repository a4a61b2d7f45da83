import type { Ctx } from './context.js';
import type { VarTable } from './vars.js';

/**
 * A recipe parameter, in just's terms: positional in declared order, or
 * `name=value`; `variadic` takes the rest; `flag` is a boolean `--name`.
 */
export interface Param {
  readonly name: string;
  readonly description?: string;
  /** makes the parameter optional; '' is a valid default */
  readonly default?: string;
  /** may be omitted, with no default (the recipe asks or derives it) */
  readonly optional?: boolean;
  readonly variadic?: boolean;
  readonly flag?: boolean;
  /** a named option with a value: `--name VALUE`, `--name=VALUE` or `name=VALUE`, never positional */
  readonly option?: boolean;
  /** the value is itself a NAME=value word (env:set KEY=VALUE) */
  readonly assignment?: boolean;
  /**
   * The value is a secret (a token, a password; for a variadic `k=v` list, the values):
   * `-` reads it from stdin, and a value given on the command line, where `ps` shows
   * it, draws a warning naming `envHint`, the way to keep it off the line.
   */
  readonly secret?: boolean;
  readonly envHint?: string;
}

type ArgOf<P extends Param> = P extends { variadic: true }
  ? string[]
  : P extends { flag: true }
    ? boolean
    : P extends { option: true; default: string }
      ? string
      : P extends { option: true }
        ? string | undefined
        : P extends { default: string }
          ? string
          : P extends { optional: true }
            ? string | undefined
            : string;

export type ArgsOf<P extends readonly Param[]> = { [K in P[number] as K['name']]: ArgOf<K> };

export type Args = Record<string, string | string[] | boolean | undefined>;

export interface Recipe {
  readonly name: string;
  readonly description: string;
  readonly params: readonly Param[];
  /** variables the recipe reads, shown by --help with default and current value */
  readonly vars: readonly string[];
  /** the recipe parses its own argv (template:render takes gomplate's flags) */
  readonly rawArgs?: boolean;
  readonly run: (ctx: Ctx, args: Args) => Promise<unknown>;
}

export interface Namespace {
  readonly name: string;
  readonly description: string;
  readonly vars: VarTable;
  readonly recipes: readonly Recipe[];
}

/**
 * The namespaces the CLI knows, each imported only when one of its recipes runs. The
 * entry point (tasks/cli.ts) hands this table to the core, which never imports a
 * namespace itself: the namespaces import the core, not the other way round.
 */
export type NamespaceTable = Readonly<Record<string, () => Promise<{ default: Namespace }>>>;

export function recipe<const P extends readonly Param[] = []>(spec: {
  name: string;
  description: string;
  params?: P;
  vars?: readonly string[];
  rawArgs?: boolean;
  run: (ctx: Ctx, args: ArgsOf<P>) => Promise<unknown>;
}): Recipe {
  return {
    name: spec.name,
    description: spec.description,
    params: spec.params ?? [],
    vars: spec.vars ?? [],
    rawArgs: spec.rawArgs,
    run: spec.run as Recipe['run'],
  };
}

export function namespace(spec: Namespace): Namespace {
  return spec;
}

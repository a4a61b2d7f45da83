// gomplate's regexp namespace, on the RE2 translation in re2.ts. Like gomplate, every
// argument goes through conv.ToString and the input comes last.
import { GoSlice, type GoValue } from '../values.js';
import { toGoString, toInt64 } from './convert.js';
import { allMatches, compileRe2, quoteMeta, replaceAll, split } from './re2.js';
import { type GoFunc, FuncError, fn } from './types.js';

const str = (v: unknown) => toGoString(v as GoValue);

/** gomplate wraps compile errors with this prefix everywhere but in Find and FindAll. */
function compileWrapped(src: string) {
  try {
    return compileRe2(src);
  } catch (e) {
    if (e instanceof FuncError && e.message.startsWith('error parsing regexp'))
      throw new FuncError(`error compiling expression: ${e.message}`);
    throw e;
  }
}

/** The (re, [n], input) arguments of FindAll and Split. */
function nArgs(args: unknown[], dflt: number): [string, number, string] {
  if (args.length === 2) return [str(args[0]), dflt, str(args[1])];
  if (args.length === 3) {
    let n: number;
    try {
      n = Number(BigInt.asIntN(64, toInt64(args[1] as GoValue)));
    } catch (e) {
      throw new FuncError(`n must be an integer: ${(e as Error).message}`);
    }
    return [str(args[0]), n, str(args[2])];
  }
  throw new FuncError(`wrong number of args: want 2 or 3, got ${args.length}`);
}

const strings = (xs: string[] | null) => new GoSlice(xs ?? [], 'string');

export const REGEXP: Record<string, GoFunc> = {
  Find: fn(['any', 'any'], 'concrete', ([re, input]) => {
    const r = compileRe2(str(re));
    const m = allMatches(r, str(input), 1)[0];
    return m ? str(input).slice(m[0], m[1]) : '';
  }),
  FindAll: fn(
    [],
    'concrete',
    (args) => {
      const [re, n, input] = nArgs(args, -1);
      const r = compileRe2(re);
      return strings(allMatches(r, input, n).map((m) => input.slice(m[0], m[1])));
    },
    'any',
  ),
  Match: fn(['any', 'any'], 'concrete', ([re, input]) => {
    const r = compileWrapped(str(re));
    return allMatches(r, str(input), 1).length > 0;
  }),
  QuoteMeta: fn(['any'], 'concrete', ([s]) => quoteMeta(str(s))),
  Replace: fn(['any', 'any', 'any'], 'concrete', ([re, repl, input]) =>
    replaceAll(compileWrapped(str(re)), str(input), str(repl), false),
  ),
  ReplaceLiteral: fn(['any', 'any', 'any'], 'concrete', ([re, repl, input]) =>
    replaceAll(compileWrapped(str(re)), str(input), str(repl), true),
  ),
  Split: fn(
    [],
    'concrete',
    (args) => {
      const [re, n, input] = nArgs(args, -1);
      return strings(split(compileWrapped(re), re, input, n));
    },
    'any',
  ),
};

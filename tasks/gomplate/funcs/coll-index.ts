// coll.Index: the `index` builtin with its arguments reversed for pipelines, and strict:
// a missing map key or an index past the end is an error (gomplate's coll/index.go).
import { toBytes } from '../gostring.js';
import { GoInt, GoMap, GoSlice, type GoValue, IfaceVal, goInt, typeName } from '../values.js';
import { FuncError, type GoFunc, fn } from './types.js';

function indexArg(ix: GoValue, cap: number): number {
  if (ix === null) throw new FuncError('cannot index slice/array with nil');
  if (!(ix instanceof GoInt))
    throw new FuncError(`cannot index slice/array with type ${typeName(ix)}`);
  if (ix.unsigned && ix.v > (1n << 63n) - 1n)
    throw new FuncError(`cannot index slice/array with ${ix.v} (too large)`);
  if (ix.v < 0n || ix.v >= BigInt(cap)) throw new FuncError(`index out of range: ${ix.v}`);
  return Number(ix.v);
}

export function collIndex(args: GoValue[]): IfaceVal | GoValue {
  if (args.length < 2)
    throw new FuncError(`wrong number of args: wanted at least 2, got ${args.length}`);
  let item: GoValue = args[args.length - 1]!;
  if (item === null) throw new FuncError('index of untyped nil');
  for (const ix of args.slice(0, -1)) {
    if (item === null) throw new FuncError('index of nil pointer');
    if (typeof item === 'string') {
      const b = toBytes(item);
      item = goInt(b[indexArg(ix, b.length)]!, 'uint8');
    } else if (item instanceof GoSlice) {
      item = item.items[indexArg(ix, item.items.length)]!;
    } else if (item instanceof GoMap) {
      if (ix === null) throw new FuncError('value is nil; should be of type string');
      if (typeof ix !== 'string')
        throw new FuncError(`value has type ${typeName(ix)}; should be string`);
      const found = item.m.get(ix);
      if (found === undefined) throw new FuncError(`map has no key ${ix}`);
      item = found;
    } else throw new FuncError(`can't index item of type ${typeName(item)}`);
  }
  return new IfaceVal(item);
}

export const COLL_INDEX: GoFunc = fn([], 'any', (args) => collIndex(args as GoValue[]), 'any');

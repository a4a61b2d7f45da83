// gomplate's test namespace: required, fail, assert, ternary, kind, isKind.
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  GoSlice,
  type GoValue,
  IfaceVal,
} from '../values.js';
import { toBool, toGoString } from './convert.js';
import { FuncError, type GoFunc, fn } from './types.js';

function required(args: GoValue[]): IfaceVal {
  let message = '';
  let value: GoValue;
  if (args.length === 1) value = args[0]!;
  else if (args.length === 2) {
    if (typeof args[0] !== 'string')
      throw new FuncError(`at <1>: expected string; found ${kind(args[0]!)}`);
    message = args[0];
    value = args[1]!;
  } else throw new FuncError(`wrong number of args: want 1 or 2, got ${args.length}`);
  if (message === '') message = 'can not render template: a required value was not set';
  if (value === null || value === '') throw new FuncError(message);
  return new IfaceVal(value);
}

function kind(v: GoValue): string {
  if (v === null) return 'invalid';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoInt) return v.t;
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoComplex) return 'complex128';
  if (v instanceof GoSlice) return 'slice';
  if (v instanceof GoMap) return 'map';
  if (v instanceof GoObject) return 'ptr';
  return 'struct';
}

const NUMBER_KINDS = new Set([
  'int',
  'int64',
  'int32',
  'uint8',
  'uint64',
  'uint',
  'float64',
  'complex128',
]);

export const TEST: Record<string, GoFunc> = {
  Required: fn([], 'any', (a) => required(a as GoValue[]), 'any'),
  Fail: fn(
    [],
    'concrete',
    (a) => {
      if (a.length > 1) throw new FuncError(`wrong number of args: want 0 or 1, got ${a.length}`);
      const msg = a.length ? toGoString(a[0] as GoValue) : '';
      throw new FuncError(
        msg ? `template generation failed: ${msg}` : 'template generation failed',
      );
    },
    'any',
  ),
  Assert: fn(
    [],
    'concrete',
    (a) => {
      if (a.length === 0 || a.length > 2)
        throw new FuncError(`wrong number of args: want 1 or 2, got ${a.length}`);
      const ok = toBool(a[a.length - 1] as GoValue);
      let msg = '';
      if (a.length === 2) {
        if (typeof a[0] !== 'string')
          throw new FuncError(`at <1>: expected string; found ${kind(a[0] as GoValue)}`);
        msg = a[0];
      }
      if (!ok) throw new FuncError(msg ? `assertion failed: ${msg}` : 'assertion failed');
      return '';
    },
    'any',
  ),
  Ternary: fn(
    ['any', 'any', 'any'],
    'any',
    ([t, f, b]) => new IfaceVal(toBool(b as GoValue) ? (t as GoValue) : (f as GoValue)),
  ),
  Kind: fn(['any'], 'concrete', ([v]) => kind(v as GoValue)),
  IsKind: fn(['string', 'any'], 'concrete', ([k, v]) => {
    const actual = kind(v as GoValue);
    return k === 'number' ? NUMBER_KINDS.has(actual) : actual === k;
  }),
};

export const TEST_TOP: Record<string, GoFunc> = {
  required: TEST.Required!,
  fail: TEST.Fail!,
  assert: TEST.Assert!,
  ternary: TEST.Ternary!,
  kind: TEST.Kind!,
  isKind: TEST.IsKind!,
};

// gomplate's conv namespace and the top-level `default`.
import { GoFloat, GoInt, type GoValue, IfaceVal, isTrue } from '../values.js';
import { toBool, toFloat64, toGoString, toInt64 } from './convert.js';
import { type GoFunc, fn } from './types.js';

export const CONV: Record<string, GoFunc> = {
  ToInt: fn(['any'], 'concrete', ([v]) => new GoInt(toInt64(v as GoValue), 'int')),
  ToInt64: fn(['any'], 'concrete', ([v]) => new GoInt(toInt64(v as GoValue), 'int64')),
  ToString: fn(['any'], 'concrete', ([v]) => toGoString(v as GoValue)),
  ToBool: fn(['any'], 'concrete', ([v]) => toBool(v as GoValue)),
  ToFloat64: fn(['any'], 'concrete', ([v]) => new GoFloat(toFloat64(v as GoValue))),
  Default: fn(
    ['any', 'any'],
    'any',
    ([def, v]) => new IfaceVal(isTrue(v as GoValue) ? (v as GoValue) : (def as GoValue)),
  ),
};

export const CONV_TOP: Record<string, GoFunc> = { default: CONV.Default! };

export const CONV_UNSUPPORTED = [
  'Bool',
  'ToBools',
  'Join',
  'ParseInt',
  'ParseFloat',
  'ParseUint',
  'Atoi',
  'URL',
  'ToInt64s',
  'ToInts',
  'ToFloat64s',
  'ToStrings',
];

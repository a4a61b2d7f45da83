// gomplate's data.TOML/toml and data.ToTOML/toTOML.
import { toToml } from '../toml-encode.js';
import { parseToml } from '../toml-parse.js';
import type { GoValue } from '../values.js';
import { toGoString } from './convert.js';
import { FuncError, type GoFunc, fn } from './types.js';

/** data.TOML (and a .toml datasource): the document, or gomplate's error. */
export function tomlObject(v: unknown) {
  const text = toGoString(v as GoValue);
  try {
    return parseToml(text);
  } catch (e) {
    throw new FuncError(`unable to unmarshal object ${text}: ${(e as Error).message}`);
  }
}

export const DATA_TOML: Record<string, GoFunc> = {
  TOML: fn(['any'], 'any', ([v]) => tomlObject(v)),
  ToTOML: fn(['any'], 'concrete', ([v]) => {
    try {
      return toToml(v as GoValue);
    } catch (e) {
      throw new FuncError((e as Error).message);
    }
  }),
};

export const DATA_TOML_TOP: Record<string, GoFunc> = {
  toml: DATA_TOML.TOML!,
  toTOML: DATA_TOML.ToTOML!,
};

// gomplate's data namespace (JSON/YAML parsing and encoding) and datasource/ds over
// local files: .yaml/.yml/.json through the YAML decoder, .toml, .csv, .txt as text.
import { extname, resolve } from 'node:path';
import { indentJSON, toJSON } from '../encode-json.js';
import { toYAML } from '../encode-yaml.js';
import { quote } from '../strconv-quote.js';
import { GoMap, GoSlice, type GoValue, IfaceVal } from '../values.js';
import { decodeYaml, yamlArray, yamlObject } from '../yaml-decode.js';
import { toGoString } from './convert.js';
import { csv, csvByColumn, csvByRow, toCSV } from './csv.js';
import { tomlObject } from './data-toml.js';
import { readError } from './file.js';
import { type FuncContext, FuncError, type GoFunc, fn } from './types.js';

const str = (v: unknown) => toGoString(v as GoValue);

function wrapYaml<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new FuncError((e as Error).message);
  }
}

/** The bytes behind an alias (include, and datasource before parsing). */
function readSource(ctx: FuncContext, alias: string, args: string[]): { p: string; text: string } {
  if (args.length > 0) throw new FuncError('datasource sub-paths are not supported by this engine');
  const p = ctx.datasources[alias];
  if (p === undefined) throw new FuncError(`undefined datasource '${alias}': %!w(<nil>)`);
  const abs = resolve(ctx.cwd, p);
  try {
    return { p, text: ctx.readFile(abs) };
  } catch (e) {
    throw new FuncError(
      `couldn't read datasource '${alias}' (${p}): open (url: ${quote('/')}, name: ${quote(p)}): ${readError(abs, e).message}`,
    );
  }
}

export function readDatasource(ctx: FuncContext, alias: string, args: string[]): GoValue {
  const cached = args.length === 0 ? ctx.dsCache.get(alias) : undefined;
  if (cached !== undefined) return cached;
  const { p, text } = readSource(ctx, alias, args);
  let out: GoValue;
  const ext = extname(p).toLowerCase();
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
    out = wrapYaml(() => {
      const v = decodeYaml(text);
      if (v === undefined || v === null) return new GoMap();
      if (v instanceof GoMap || v instanceof GoSlice) return v;
      const line =
        text.split('\n').findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#')) + 1;
      throw new FuncError(
        `yaml: line ${line}: a datasource document must be a mapping or a sequence`,
      );
    });
  } else if (ext === '.toml') out = tomlObject(text);
  else if (ext === '.txt' || ext === '') out = text;
  else if (ext === '.csv') out = csv([text]);
  else throw new FuncError(`datasource type of ${quote(p)} is not supported by this engine`);
  ctx.dsCache.set(alias, out);
  return out;
}

export const DATA: Record<string, GoFunc> = {
  JSON: fn(['any'], 'concrete', ([v]) => wrapYaml(() => yamlObject(str(v)))),
  JSONArray: fn(['any'], 'concrete', ([v]) => wrapYaml(() => yamlArray(str(v)))),
  YAML: fn(['any'], 'concrete', ([v]) => wrapYaml(() => yamlObject(str(v)))),
  YAMLArray: fn(['any'], 'concrete', ([v]) => wrapYaml(() => yamlArray(str(v)))),
  ToJSON: fn(['any'], 'concrete', ([v]) => toJSON(v as GoValue)),
  ToJSONPretty: fn(['string', 'any'], 'concrete', ([ind, v]) =>
    indentJSON(toJSON(v as GoValue), ind as string),
  ),
  ToYAML: fn(['any'], 'concrete', ([v]) => toYAML(v as GoValue)),
  CSV: fn([], 'concrete', (a) => csv(a as string[]), 'string'),
  CSVByRow: fn([], 'concrete', (a) => csvByRow(a as string[]), 'string'),
  CSVByColumn: fn([], 'concrete', (a) => csvByColumn(a as string[]), 'string'),
  ToCSV: fn([], 'concrete', (a) => toCSV(a as GoValue[]), 'any'),
};

/** defineDatasource: local files only (a URL with a scheme would be a network read). */
function defineDatasource(ctx: FuncContext, alias: string, value: string): string {
  if (alias === '') throw new FuncError('datasource alias must be provided');
  if (alias in ctx.datasources) return '';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && !value.startsWith('file:'))
    throw new FuncError(`remote datasource ${quote(value)} is not supported by this engine`);
  ctx.datasources[alias] = value.replace(/^file:\/\//, '');
  return '';
}

export const DATA_TOP: Record<string, GoFunc> = {
  include: fn(
    ['string'],
    'concrete',
    ([a, ...r], ctx) => readSource(ctx, a as string, r as string[]).text,
    'string',
  ),
  datasourceReachable: fn(
    ['string'],
    'concrete',
    ([a, ...r], ctx) => {
      if (!((a as string) in ctx.datasources)) return false;
      try {
        readDatasource(ctx, a as string, r as string[]);
        return true;
      } catch {
        return false;
      }
    },
    'string',
  ),
  datasourceExists: fn(['string'], 'concrete', ([a], ctx) => (a as string) in ctx.datasources),
  listDatasources: fn(
    [],
    'concrete',
    (_a, ctx) => new GoSlice(Object.keys(ctx.datasources).sort(), 'string'),
  ),
  defineDatasource: fn(['string', 'string'], 'concrete', ([a, v], ctx) =>
    defineDatasource(ctx, a as string, v as string),
  ),
  json: DATA.JSON!,
  jsonArray: DATA.JSONArray!,
  yaml: DATA.YAML!,
  yamlArray: DATA.YAMLArray!,
  toJSON: DATA.ToJSON!,
  toJSONPretty: DATA.ToJSONPretty!,
  toYAML: DATA.ToYAML!,
  csv: DATA.CSV!,
  csvByRow: DATA.CSVByRow!,
  csvByColumn: DATA.CSVByColumn!,
  toCSV: DATA.ToCSV!,
  datasource: fn(
    ['string'],
    'any',
    ([a, ...r], ctx) => new IfaceVal(readDatasource(ctx, a as string, r as string[])),
    'string',
  ),
  ds: fn(
    ['string'],
    'any',
    ([a, ...r], ctx) => new IfaceVal(readDatasource(ctx, a as string, r as string[])),
    'string',
  ),
};

export const DATA_UNSUPPORTED = ['TOML', 'CUE', 'ToCUE', 'ToTOML'];

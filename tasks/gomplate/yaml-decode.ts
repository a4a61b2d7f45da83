// Decodes YAML (and JSON, which gomplate also reads with its YAML parser) into Go values
// the way gomplate's datasources and data.YAML do: the `yaml` package parses with the
// failsafe schema (every scalar a string) and resolvePlain types plain scalars like
// go-yaml v3. Mapping keys become strings; `<<` merge keys are honoured.
import { Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node as YNode } from 'yaml';
import { toGoString } from './funcs/convert.js';
import { fromBytes } from './gostring.js';
import { resolvePlain } from './yaml-scalar.js';
import { GoFloat, GoInt, GoMap, GoSlice, type GoValue } from './values.js';
import { parseFloat64, parseInt64 } from './strconv-parse.js';

export class YamlError extends Error {}

function scalarValue(n: YNode & { type?: string; value?: unknown; tag?: string }): GoValue {
  const text = n.value === null || n.value === undefined ? '' : String(n.value);
  const tag = n.tag;
  if (tag) {
    switch (tag.replace(/^tag:yaml\.org,2002:/, '!!')) {
      case '!!str':
        return text;
      case '!!int':
        return new GoInt(parseInt64(text.replace(/_/g, '')), 'int');
      case '!!float':
        return new GoFloat(parseFloat64(text.replace(/_/g, '')));
      case '!!null':
        return null;
      case '!!bool':
        return resolvePlain(text);
      case '!!binary':
        return fromBytes(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
    }
  }
  if (n.type === 'PLAIN') return resolvePlain(text);
  return text;
}

function convert(doc: Document, n: unknown, topLevel: boolean): GoValue {
  if (n === null || n === undefined) return null;
  if (isAlias(n)) return convert(doc, n.resolve(doc), topLevel);
  if (isScalar(n)) return scalarValue(n as never);
  if (isSeq(n)) return new GoSlice(n.items.map((x) => convert(doc, x, false)));
  if (isMap(n)) {
    const m = new Map<string, GoValue>();
    const merged = new Map<string, GoValue>();
    for (const pair of n.items) {
      const keyNode = pair.key as YNode | null;
      if (isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<') {
        const src = convert(doc, pair.value, false);
        const sources = src instanceof GoSlice ? src.items : [src];
        for (const s of sources)
          if (s instanceof GoMap) for (const [k, v] of s.m) if (!merged.has(k)) merged.set(k, v);
        continue;
      }
      // top-level keys decode into map[string]interface{} (their source text); nested
      // non-string keys are stringified by gomplate after decoding
      let key: string;
      if (isScalar(keyNode) && (topLevel || typeof scalarValue(keyNode as never) === 'string'))
        key = keyNode.value === null || keyNode.value === undefined ? '' : String(keyNode.value);
      else key = toGoString(convert(doc, keyNode, false));
      m.set(key, convert(doc, pair.value, false));
    }
    for (const [k, v] of merged) if (!m.has(k)) m.set(k, v);
    return new GoMap(m);
  }
  throw new YamlError('unsupported YAML node');
}

/** The first document with content, or undefined for an empty stream. */
export function decodeYaml(text: string): GoValue | undefined {
  const docs = parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: true,
    prettyErrors: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw new YamlError(`yaml: ${err.message.split('\n')[0]}`);
    if (doc.contents === null) continue;
    return convert(doc, doc.contents, true);
  }
  return undefined;
}

/** gomplate's parsers.YAML / JSON: a mapping (empty for no content). */
export function yamlObject(text: string, what = 'object'): GoMap {
  const v = decodeYaml(text);
  if (v === undefined || v === null) return new GoMap();
  if (!(v instanceof GoMap))
    throw new YamlError(
      `unable to unmarshal ${what} ${text}: yaml: cannot unmarshal into map[string]interface {}`,
    );
  return v;
}

/** gomplate's parsers.YAMLArray / JSONArray. */
export function yamlArray(text: string): GoSlice {
  const v = decodeYaml(text);
  if (v === undefined || v === null) return new GoSlice([]);
  if (!(v instanceof GoSlice))
    throw new YamlError(
      `unable to unmarshal array ${text}: yaml: cannot unmarshal into []interface {}`,
    );
  return v;
}

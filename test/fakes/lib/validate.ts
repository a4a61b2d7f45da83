// What the API server rejects in a manifest before storing it: values that do not decode
// into the Go types (BadRequest) and names/labels/keys that fail validation (Invalid).
// Messages are the apiserver's own wording so a test sees what an operator would.
import type { K8sObject } from './types.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_NAME_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QUALIFIED_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const goType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;

/** BadRequest: a field that cannot be decoded into its Go type. */
export function decodeError(o: K8sObject): string | undefined {
  const prefix = `${o.kind} in version "${o.apiVersion.split('/').pop()}" cannot be handled as a ${o.kind}: `;
  const stringMaps: Array<[unknown, string]> = [
    [o.metadata?.labels, 'ObjectMeta.metadata.labels'],
    [o.metadata?.annotations, 'ObjectMeta.metadata.annotations'],
  ];
  if (o.kind === 'Secret')
    stringMaps.push([o.stringData, 'Secret.stringData'], [o.data, 'Secret.data']);
  if (o.kind === 'ConfigMap') stringMaps.push([o.data, 'ConfigMap.data']);
  for (const [map, field] of stringMaps) {
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map))
      return `${prefix}json: cannot unmarshal ${goType(map)} into Go struct field ${field} of type map[string]string`;
    for (const v of Object.values(map as object))
      if (typeof v !== 'string' && v !== null)
        return `${prefix}json: cannot unmarshal ${goType(v)} into Go struct field ${field} of type ${field === 'Secret.data' ? '[]uint8' : 'string'}`;
  }
  if (o.kind === 'Secret' && o.data)
    for (const v of Object.values(o.data as Record<string, string>)) {
      const clean = (v ?? '').replace(/\s/g, '');
      const bad = clean.search(/[^A-Za-z0-9+/=]/);
      if (bad >= 0 || clean.length % 4 !== 0)
        return `${prefix}illegal base64 data at input byte ${bad >= 0 ? bad : clean.length - (clean.length % 4)}`;
    }
  return undefined;
}

/** Invalid: field errors as "path: Invalid value: …". */
export function fieldErrors(o: K8sObject): string[] {
  const errs: string[] = [];
  const name = o.metadata.name;
  if (o.kind === 'Namespace') {
    if (!LABEL_NAME.test(name) || name.length > 63)
      errs.push(`metadata.name: Invalid value: "${name}": ${LABEL_NAME_MSG}`);
  } else if (!SUBDOMAIN.test(name) || name.length > 253)
    errs.push(`metadata.name: Invalid value: "${name}": ${SUBDOMAIN_MSG}`);
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    const err = labelKeyError(k);
    if (err) errs.push(`metadata.labels: Invalid value: "${k}": ${err}`);
    if (!LABEL_VALUE.test(v) || v.length > 63)
      errs.push(`metadata.labels: Invalid value: "${v}": ${LABEL_VALUE_MSG}`);
  }
  if (o.kind === 'Secret' || o.kind === 'ConfigMap')
    for (const field of ['data', 'stringData'])
      for (const k of Object.keys(o[field] ?? {}))
        if (!CONFIG_KEY.test(k))
          errs.push(`${field}[${k}]: Invalid value: "${k}": ${CONFIG_KEY_MSG}`);
  return errs;
}

export function labelKeyError(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const nm = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (!SUBDOMAIN.test(prefix) || prefix.length > 253))
    return `prefix part ${SUBDOMAIN_MSG}`;
  if (!QUALIFIED.test(nm) || nm.length > 63) return QUALIFIED_MSG;
  return undefined;
}

export const isLabelValue = (v: string): boolean => LABEL_VALUE.test(v) && v.length <= 63;

export function invalidMessage(kind: string, name: string, errs: string[]): string {
  return errs.length === 1
    ? `The ${kind} "${name}" is invalid: ${errs[0]}`
    : `The ${kind} "${name}" is invalid: \n${errs.map((e) => `* ${e}`).join('\n')}`;
}

// Decoding the manifests piped to `kubectl apply -f -`: YAML 1.1 (as sigs.k8s.io/yaml reads
// it) or JSON, several documents, `kind: List` flattened; kubectl's messages when a
// document cannot be decoded.
import { CliError } from '../lib/io.js';
import type { K8sObject } from '../lib/types.js';

export async function parseManifests(text: string): Promise<K8sObject[]> {
  const YAML = await import('yaml');
  const docs = YAML.parseAllDocuments(text, { version: '1.1' });
  const out: K8sObject[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if ('errors' in doc && doc.errors.length)
      throw new CliError(
        1,
        `error: error parsing STDIN: error converting YAML to JSON: yaml: ${doc.errors[0].message.split('\n')[0]}`,
      );
    const value = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    flatten(value, out);
  }
  return out;
}

function flatten(value: unknown, out: K8sObject[]): void {
  if (typeof value !== 'object' || Array.isArray(value) || value === null)
    throw new CliError(
      1,
      `error: error parsing STDIN: error unmarshaling JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`,
    );
  const o = value as K8sObject;
  const shown = JSON.stringify(o);
  if (!o.kind)
    throw new CliError(
      1,
      `error: unable to decode "STDIN": Object 'Kind' is missing in '${shown}'`,
    );
  if (!o.apiVersion)
    throw new CliError(
      1,
      'error: error validating "STDIN": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false',
    );
  if (o.kind === 'List' || o.kind.endsWith('List')) {
    for (const item of (o as any).items ?? []) flatten(item, out);
    return;
  }
  if (typeof o.metadata !== 'object' || o.metadata === null) o.metadata = { name: '' };
  out.push(o);
}

// Small readers over a scenario's end state and call log, shared by the scenario files.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { templatesDir } from '../../../tasks/core/paths.js';
import type { CallRecord, K8sObject } from '../../fakes/index.js';
import type { Scenario } from '../../support/scenario.js';

export const NS = 'datastack';
export const HOST = 'jupyter.example.com';
export const CALLBACK = `https://${HOST}/hub/oauth_callback`;

export const line = (c: CallRecord): string => `${c.tool} ${c.argv.join(' ')}`;

/** Read-only calls: `kubectl get …` and `helm list …` (everything else changes something). */
export const isQuery = (c: CallRecord): boolean => /^(kubectl get |helm list )/.test(line(c));

/** A marker in the call log: `since()` returns the calls made after it. */
export function mark(sc: Scenario): { since(): CallRecord[] } {
  const n = sc.fc.calls().length;
  return { since: () => sc.fc.calls().slice(n) };
}

/** The decoded value of one key of a Secret in the namespace (undefined when absent). */
export function secretValue(sc: Scenario, name: string, key: string, ns = NS): string | undefined {
  const data = sc.fc.object('Secret', name, ns)?.data as Record<string, string> | undefined;
  return data?.[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8');
}

/** The manifests a call sent on stdin (`kubectl apply -f -`). */
export const stdinDocs = (c: CallRecord): K8sObject[] =>
  parseAllDocuments(c.stdin).map((d) => d.toJS() as K8sObject);

export const template = (name: string): string =>
  readFileSync(join(templatesDir('jupyterhub'), name), 'utf8');

export const outFile = (sc: Scenario, name: string): string =>
  join(sc.env.TASKS_OUT_DIR, 'jupyterhub', name);

/** Vault requests that change something (reads are GET/LIST; token lookup and capabilities-self are POST reads). */
export const vaultWrites = (sc: Scenario) =>
  sc.vault
    .requests()
    .filter(
      (r) =>
        !['GET', 'LIST'].includes(r.method) &&
        !['/v1/auth/token/lookup', '/v1/sys/capabilities-self'].includes(r.path),
    );

/** Keycloak admin-API requests that change something (the login POST is not one). */
export const keycloakWrites = (sc: Scenario) =>
  sc.keycloak.requests().filter((r) => r.method !== 'GET' && r.path.startsWith('/admin/'));

/** The raw state file: byte-for-byte comparison of "nothing changed". */
export const stateBytes = (sc: Scenario): string => readFileSync(sc.env.FAKE_CLUSTER_STATE, 'utf8');

/** uid and resourceVersion of every object install made (namespace datastack, PV, StorageClass). */
export function installedObjects(sc: Scenario): Record<string, string> {
  const mine = (o: K8sObject) =>
    o.metadata.namespace === NS ||
    (o.kind === 'Namespace' && o.metadata.name === NS) ||
    o.metadata.name.startsWith('jupyter-nfs');
  return Object.fromEntries(
    sc.fc
      .state()
      .objects.filter(mine)
      .map((o) => [
        `${o.kind}/${o.metadata.name}`,
        `${o.metadata.uid}@${o.metadata.resourceVersion}`,
      ]),
  );
}

export const readyCondition = (o: K8sObject | undefined) =>
  (o?.status?.conditions as Array<{ type: string; status: string }> | undefined)?.find(
    (c) => c.type === 'Ready',
  );

// The External Secrets operator, simulated: an ExternalSecret syncs when its store exists
// and every remoteRef can be read from the Vault the test named (KV v2, real HTTP), then
// its target Secret is written (owned by the ExternalSecret) and Ready becomes True.
import { mutate, readState } from '../lib/store.js';
import { findObject, nextResourceVersion, nowStamp, stampNew } from '../lib/objects.js';
import { kindByName, type KindInfo } from '../lib/kinds.js';
import type { ClusterState, K8sObject } from '../lib/types.js';

type Ref = { namespace: string; name: string };
type Fetched = { ok: true; data: Record<string, string> } | { ok: false; message: string };

const ES = kindByName('ExternalSecret') as KindInfo;
const SECRET = kindByName('Secret') as KindInfo;

async function readKv(
  addr: string,
  token: string,
  mount: string,
  key: string,
): Promise<Record<string, unknown> | string> {
  try {
    const res = await fetch(`${addr.replace(/\/$/, '')}/v1/${mount}/data/${key}`, {
      headers: { 'X-Vault-Token': token },
      signal: AbortSignal.timeout(5000),
    });
    if (res.status !== 200)
      return `cannot read secret data from Vault: Error making API request. Code: ${res.status}`;
    const body = (await res.json()) as { data?: { data?: Record<string, unknown> } };
    return body.data?.data ?? 'cannot read secret data from Vault: no data';
  } catch (e) {
    return `cannot read secret data from Vault: ${(e as Error).message}`;
  }
}

async function fetchAll(s: ClusterState, es: K8sObject): Promise<Fetched> {
  const sim = s.simulations.externalSecrets;
  const store = es.spec?.secretStoreRef ?? {};
  const storeKind = kindByName(store.kind ?? 'SecretStore');
  const storeObj = storeKind && findObject(s, storeKind, store.name ?? '', es.metadata.namespace);
  if (!storeObj)
    return {
      ok: false,
      message: `could not get store: ${store.kind ?? 'SecretStore'} "${store.name}" not found`,
    };
  if (!sim) return { ok: false, message: 'could not get secret data from provider' };
  const mount = sim.mount ?? 'secret';
  const data: Record<string, string> = {};
  for (const item of es.spec?.data ?? []) {
    const got = await readKv(sim.vaultAddress, sim.vaultToken, mount, item.remoteRef?.key ?? '');
    if (typeof got === 'string') return { ok: false, message: got };
    const prop = item.remoteRef?.property;
    const value = prop === undefined ? JSON.stringify(got) : got[prop];
    if (value === undefined)
      return { ok: false, message: `key ${prop} does not exist in secret ${item.remoteRef.key}` };
    data[item.secretKey] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  for (const from of es.spec?.dataFrom ?? []) {
    const got = await readKv(sim.vaultAddress, sim.vaultToken, mount, from.extract?.key ?? '');
    if (typeof got === 'string') return { ok: false, message: got };
    for (const [k, v] of Object.entries(got))
      data[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return { ok: true, data };
}

function condition(ok: boolean, message: string): Record<string, unknown> {
  return {
    type: 'Ready',
    status: ok ? 'True' : 'False',
    reason: ok ? 'SecretSynced' : 'SecretSyncedError',
    message,
    lastTransitionTime: nowStamp(),
  };
}

function writeTarget(
  s: ClusterState,
  es: K8sObject,
  data: Record<string, string>,
): string | undefined {
  const name = es.spec?.target?.name ?? es.metadata.name;
  const ns = es.metadata.namespace as string;
  const owner = {
    apiVersion: es.apiVersion,
    kind: 'ExternalSecret',
    name: es.metadata.name,
    uid: es.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  const existing = findObject(s, SECRET, name, ns);
  if (!existing) {
    const secret: K8sObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace: ns,
        labels: { 'reconcile.external-secrets.io/managed': 'true' },
        ownerReferences: [owner],
      },
      type: 'Opaque',
      data: encoded,
    };
    stampNew(s, secret);
    s.objects.push(secret);
    return undefined;
  }
  const other = existing.metadata.ownerReferences?.find((r) => r.controller && r.uid !== owner.uid);
  if (other) return `target is owned by another ExternalSecret: ${other.name}`;
  const before = JSON.stringify([
    existing.data,
    existing.metadata.ownerReferences,
    existing.metadata.labels,
  ]);
  existing.metadata.ownerReferences = [owner];
  existing.metadata.labels = {
    ...(existing.metadata.labels ?? {}),
    'reconcile.external-secrets.io/managed': 'true',
  };
  existing.data = encoded;
  const after = JSON.stringify([
    existing.data,
    existing.metadata.ownerReferences,
    existing.metadata.labels,
  ]);
  if (before !== after) existing.metadata.resourceVersion = nextResourceVersion(s);
  return undefined;
}

/** Syncs the given ExternalSecrets; returns which of them are Ready afterwards. */
export async function reconcileExternalSecrets(path: string, refs: Ref[]): Promise<boolean[]> {
  const snapshot = readState(path);
  const results: Array<{ uid?: string; fetched: Fetched } | undefined> = [];
  for (const ref of refs) {
    const es = findObject(snapshot, ES, ref.name, ref.namespace);
    results.push(es ? { uid: es.metadata.uid, fetched: await fetchAll(snapshot, es) } : undefined);
  }
  return mutate(path, (s) =>
    refs.map((ref, i) => {
      const r = results[i];
      const es = findObject(s, ES, ref.name, ref.namespace);
      if (!r || !es || es.metadata.uid !== r.uid) return false;
      let ok = r.fetched.ok;
      let message = r.fetched.ok ? 'secret synced' : r.fetched.message;
      if (r.fetched.ok) {
        const err = writeTarget(s, es, r.fetched.data);
        if (err) [ok, message] = [false, err];
      }
      es.status = {
        ...(es.status ?? {}),
        conditions: [condition(ok, message)],
        ...(ok
          ? {
              refreshTime: nowStamp(),
              binding: { name: es.spec?.target?.name ?? es.metadata.name },
            }
          : {}),
      };
      return ok;
    }),
  );
}

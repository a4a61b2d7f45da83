// The local stack's External Secrets controller: a stand-in for External Secrets Operator
// v2.6, whose module the Go module proxy does not serve (v2.x refused; v0.16/v1.3 would
// need their whole provider tree and speak other CRD versions). It reconciles the real
// v2.6 CRDs (external-secrets.io/v1) against the real API server and OpenBao, for the
// subset buun-stack uses, and is strict about the rest:
//   ClusterSecretStore/SecretStore with provider.vault (KV v2, caBundle, auth.kubernetes
//   with a serviceAccountRef, or auth.tokenSecretRef): validated by a real login, status
//   Ready/Valid as ESO writes it.
//   ExternalSecret with spec.data[].remoteRef.{key,property}, target.{name,creationPolicy
//   Owner|Orphan}, refreshInterval: the target Secret synced (owner reference for Owner),
//   status Ready True/SecretSynced or False/SecretSyncedError with the reason, refreshTime,
//   syncedResourceVersion, binding. Any other field (dataFrom, target.template, …) is
//   refused with Ready False naming it, so a template that starts using one fails loudly.
// Usage: node external-secrets-controller.js <kubeconfig>   (runs until SIGTERM)
import { createHash } from 'node:crypto';
import { httpsJson } from './https-json.js';
import { ApiError, kubeClient } from './kube-api.js';

const kube = kubeClient(process.argv[2]);
const GROUP = '/apis/external-secrets.io/v1';
const INTERVAL_MS = 1_000;
const log = (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);

const vaultRequest = async (server, ca, method, path, token, body) => {
  const r = await httpsJson(new URL(path, server).href, {
    method,
    ca,
    headers: token ? { 'X-Vault-Token': token } : {},
    body,
  });
  return { status: r.status, json: r.json ?? {} };
};

const ALLOWED_STORE_VAULT = new Set(['server', 'path', 'version', 'caBundle', 'auth']);
const ALLOWED_ES_SPEC = new Set(['refreshInterval', 'secretStoreRef', 'target', 'data']);
const ALLOWED_TARGET = new Set(['name', 'creationPolicy']);
const ALLOWED_REMOTE_REF = new Set(['key', 'property']);
// Fields the CRD's schema fills in with a default: accepted only at that default.
const DEFAULTS = {
  deletionPolicy: 'Retain',
  conversionStrategy: 'Default',
  decodingStrategy: 'None',
  metadataPolicy: 'None',
  nullBytePolicy: 'Ignore',
};

function unsupported(obj, allowed, where) {
  const extra = Object.keys(obj ?? {}).filter((k) => !allowed.has(k) && DEFAULTS[k] !== obj[k]);
  if (extra.length)
    throw new Error(`${where}.${extra[0]} is not supported by the local stack's controller`);
}

// A store's Vault token, reused for half its lease (a login per reconcile would mint a
// token a second).
const loginCache = new Map();

/** { server, ca, mount, login() → token } of a store, or throws with ESO-like reasons. */
async function storeClient(store) {
  const vault = store.spec?.provider?.vault;
  if (!vault) throw new Error("only provider.vault is supported by the local stack's controller");
  unsupported(vault, ALLOWED_STORE_VAULT, 'spec.provider.vault');
  if ((vault.version ?? 'v2') !== 'v2') throw new Error('only KV version v2 is supported');
  const ca = vault.caBundle ? Buffer.from(vault.caBundle, 'base64').toString('utf8') : undefined;
  const server = vault.server;
  const auth = vault.auth ?? {};
  const login = async () => {
    const cached = loginCache.get(`${store.metadata.uid}/${store.metadata.generation}`);
    if (cached && cached.until > Date.now()) return cached.token;
    if (auth.kubernetes) {
      const sa = auth.kubernetes.serviceAccountRef;
      const ns = sa.namespace ?? store.metadata.namespace;
      const tr = await kube('POST', `/api/v1/namespaces/${ns}/serviceaccounts/${sa.name}/token`, {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: {
          audiences: sa.audiences?.length ? sa.audiences : ['vault'],
          expirationSeconds: 600,
        },
      });
      const r = await vaultRequest(
        server,
        ca,
        'POST',
        `/v1/auth/${auth.kubernetes.mountPath ?? 'kubernetes'}/login`,
        undefined,
        {
          role: auth.kubernetes.role,
          jwt: tr.status.token,
        },
      );
      if (r.status !== 200)
        throw new Error(`cannot login to Vault: ${r.status} ${(r.json.errors ?? []).join('; ')}`);
      const key = `${store.metadata.uid}/${store.metadata.generation}`;
      loginCache.set(key, {
        token: r.json.auth.client_token,
        until: Date.now() + r.json.auth.lease_duration * 500,
      });
      return r.json.auth.client_token;
    }
    if (auth.tokenSecretRef) {
      const ref = auth.tokenSecretRef;
      const ns = ref.namespace ?? store.metadata.namespace;
      const s = await kube('GET', `/api/v1/namespaces/${ns}/secrets/${ref.name}`);
      return Buffer.from(s.data?.[ref.key ?? 'token'] ?? '', 'base64').toString('utf8');
    }
    throw new Error('spec.provider.vault.auth: only kubernetes and tokenSecretRef are supported');
  };
  return { server, ca, mount: vault.path ?? 'secret', login };
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function condition(prev, status, reason, message) {
  const old = (prev ?? []).find((c) => c.type === 'Ready');
  return [
    {
      type: 'Ready',
      status,
      reason,
      message,
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : now(),
    },
  ];
}

async function patchStatus(path, status) {
  await kube(
    'PATCH',
    `${path}/status`,
    { status },
    { contentType: 'application/merge-patch+json' },
  );
}

const storeState = new Map(); // store path → last reported 'True'/'False:<msg>'

async function reconcileStore(kind, store) {
  const path =
    kind === 'ClusterSecretStore'
      ? `${GROUP}/clustersecretstores/${store.metadata.name}`
      : `${GROUP}/namespaces/${store.metadata.namespace}/secretstores/${store.metadata.name}`;
  let status, reason, message;
  try {
    const c = await storeClient(store);
    await c.login();
    [status, reason, message] = ['True', 'Valid', 'store validated'];
  } catch (err) {
    [status, reason, message] = ['False', 'InvalidProviderConfig', err.message];
  }
  const key = `${status}:${message}:${store.metadata.generation}`;
  if (storeState.get(path) === key) return;
  storeState.set(path, key);
  await patchStatus(path, {
    conditions: condition(store.status?.conditions, status, reason, message),
    capabilities: 'ReadWrite',
  });
  log(`${kind} ${store.metadata.name}: ${reason}${status === 'True' ? '' : ` (${message})`}`);
}

function parseDuration(text) {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(String(text ?? '1h'));
  if (!m) return 3600;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

async function syncExternalSecret(es) {
  const ns = es.metadata.namespace;
  const spec = es.spec ?? {};
  unsupported(spec, ALLOWED_ES_SPEC, 'spec');
  unsupported(spec.target, ALLOWED_TARGET, 'spec.target');
  const ref = spec.secretStoreRef ?? {};
  const store =
    ref.kind === 'ClusterSecretStore'
      ? await kube('GET', `${GROUP}/clustersecretstores/${ref.name}`)
      : await kube('GET', `${GROUP}/namespaces/${ns}/secretstores/${ref.name}`);
  const c = await storeClient(store);
  const token = await c.login();
  const data = {};
  for (const [i, item] of (spec.data ?? []).entries()) {
    unsupported(item.remoteRef, ALLOWED_REMOTE_REF, `spec.data[${i}].remoteRef`);
    const r = await vaultRequest(
      c.server,
      c.ca,
      'GET',
      `/v1/${c.mount}/data/${item.remoteRef.key}`,
      token,
    );
    if (r.status === 404) throw new Error(`Secret does not exist: ${item.remoteRef.key}`);
    if (r.status !== 200)
      throw new Error(
        `cannot read ${item.remoteRef.key}: ${r.status} ${(r.json.errors ?? []).join('; ')}`,
      );
    const values = r.json.data?.data ?? {};
    const value = item.remoteRef.property
      ? values[item.remoteRef.property]
      : JSON.stringify(values);
    if (value === undefined)
      throw new Error(`property ${item.remoteRef.property} not found in ${item.remoteRef.key}`);
    data[item.secretKey] = Buffer.from(String(value)).toString('base64');
  }
  const name = spec.target?.name || es.metadata.name;
  const policy = spec.target?.creationPolicy ?? 'Owner';
  if (!['Owner', 'Orphan'].includes(policy))
    throw new Error(`spec.target.creationPolicy ${policy} is not supported`);
  const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 32);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: ns,
      labels: { 'reconcile.external-secrets.io/managed': 'true' },
      annotations: { 'reconcile.external-secrets.io/data-hash': hash },
      ...(policy === 'Owner' && {
        ownerReferences: [
          {
            apiVersion: 'external-secrets.io/v1',
            kind: 'ExternalSecret',
            name: es.metadata.name,
            uid: es.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      }),
    },
    type: 'Opaque',
    data,
  };
  await kube(
    'PATCH',
    `/api/v1/namespaces/${ns}/secrets/${name}?fieldManager=external-secrets&force=true`,
    secret,
    {
      contentType: 'application/apply-patch+yaml',
    },
  );
  return { name, hash };
}

const lastSync = new Map(); // ES uid → { at, version }

async function reconcileExternalSecret(es) {
  const path = `${GROUP}/namespaces/${es.metadata.namespace}/externalsecrets/${es.metadata.name}`;
  const ready = (es.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const prev = lastSync.get(es.metadata.uid);
  const due =
    !ready ||
    ready.status !== 'True' ||
    !prev ||
    prev.generation !== es.metadata.generation ||
    Date.now() - prev.at >= parseDuration(es.spec?.refreshInterval) * 1000;
  let targetMissing = false;
  if (!due && ready?.status === 'True') {
    const target = es.spec?.target?.name || es.metadata.name;
    try {
      await kube('GET', `/api/v1/namespaces/${es.metadata.namespace}/secrets/${target}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) targetMissing = true;
      else throw err;
    }
  }
  if (!due && !targetMissing) return;
  try {
    const { name, hash } = await syncExternalSecret(es);
    lastSync.set(es.metadata.uid, { at: Date.now(), generation: es.metadata.generation });
    await patchStatus(path, {
      conditions: condition(es.status?.conditions, 'True', 'SecretSynced', 'secret synced'),
      refreshTime: now(),
      syncedResourceVersion: `${es.metadata.generation}-${hash}`,
      binding: { name },
    });
    log(`ExternalSecret ${es.metadata.namespace}/${es.metadata.name}: synced into Secret ${name}`);
  } catch (err) {
    lastSync.set(es.metadata.uid, { at: Date.now(), generation: es.metadata.generation });
    await patchStatus(path, {
      conditions: condition(es.status?.conditions, 'False', 'SecretSyncedError', err.message),
      refreshTime: null,
    });
    log(`ExternalSecret ${es.metadata.namespace}/${es.metadata.name}: ${err.message}`);
  }
}

let stopping = false;
process.on('SIGTERM', () => (stopping = true));
process.on('SIGINT', () => (stopping = true));

log('external-secrets stand-in controller started');
while (!stopping) {
  try {
    const [cstores, stores, ess] = await Promise.all([
      kube('GET', `${GROUP}/clustersecretstores`),
      kube('GET', `${GROUP}/secretstores`),
      kube('GET', `${GROUP}/externalsecrets`),
    ]);
    for (const s of cstores.items) await reconcileStore('ClusterSecretStore', s);
    for (const s of stores.items) await reconcileStore('SecretStore', s);
    for (const es of ess.items) {
      if (es.metadata.deletionTimestamp) continue;
      await reconcileExternalSecret(es);
    }
  } catch (err) {
    log(`reconcile: ${err.message}`);
  }
  await new Promise((r) => setTimeout(r, INTERVAL_MS));
}
log('stopped');

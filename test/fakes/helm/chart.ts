// What installing a chart puts in the cluster. Only the Z2JH chart matters to the project:
// it gets deployments hub/proxy (and user-scheduler unless disabled) and services hub,
// proxy-api, proxy-public, labelled as the chart labels them, and Secret hub with the
// values it was deployed with and its generated crypt key. Other charts create nothing.
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import type { ClusterState, HelmRelease, K8sObject } from '../lib/types.js';
import { deleteObject, nextResourceVersion, stampNew } from '../lib/objects.js';
import { setNotReady, setReady } from '../lib/deployments.js';

type Values = Record<string, any>;

export function deepMerge(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      cur &&
      typeof cur === 'object' &&
      !Array.isArray(cur)
        ? deepMerge(cur, v)
        : v;
  }
  return out;
}

function manifests(r: HelmRelease): K8sObject[] {
  if (r.chart !== 'jupyterhub') return [];
  const v = (r.values ?? {}) as Values;
  const meta = (name: string, component: string) => ({
    name,
    namespace: r.namespace,
    labels: {
      app: 'jupyterhub',
      component,
      release: r.name,
      chart: `jupyterhub-${r.version}`,
      heritage: 'Helm',
      'app.kubernetes.io/managed-by': 'Helm',
      'app.kubernetes.io/name': 'jupyterhub',
      'app.kubernetes.io/instance': r.name,
      'app.kubernetes.io/component': component,
    },
    annotations: {
      'meta.helm.sh/release-name': r.name,
      'meta.helm.sh/release-namespace': r.namespace,
    },
  });
  const deployment = (name: string, component: string, replicas: number): K8sObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(name, component),
    spec: {
      replicas,
      selector: { matchLabels: { app: 'jupyterhub', component, release: r.name } },
      template: { metadata: { labels: { app: 'jupyterhub', component, release: r.name } } },
    },
  });
  const service = (name: string, component: string, type: string, ports: unknown[]): K8sObject => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, component),
    spec: { type, selector: { app: 'jupyterhub', component, release: r.name }, ports },
  });
  const out = [
    deployment('hub', 'hub', 1),
    deployment('proxy', 'proxy', 1),
    service('hub', 'hub', 'ClusterIP', [
      { name: 'hub', port: 8081, protocol: 'TCP', targetPort: 'http' },
    ]),
    service('proxy-api', 'proxy', 'ClusterIP', [
      { name: 'http-api', port: 8001, protocol: 'TCP', targetPort: 'api' },
    ]),
    service('proxy-public', 'proxy', v.proxy?.service?.type ?? 'LoadBalancer', [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
    ]),
  ];
  out.push({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('hub', 'hub'),
    type: 'Opaque',
    data: { 'values.yaml': Buffer.from(stringify(v)).toString('base64') },
  });
  if (v.scheduling?.userScheduler?.enabled !== false)
    out.push(
      deployment('user-scheduler', 'user-scheduler', v.scheduling?.userScheduler?.replicas ?? 2),
    );
  return out;
}

const CHART_KEYS = 'hub.config.CryptKeeper.keys';
/** The chart's own crypt key: 64 random hex characters (its `randHex 64`). */
const newChartKey = () => Buffer.from(randomBytes(32).toString('hex')).toString('base64');

/** Creates/updates the chart's objects for release r; deployments start unready (or ready with --wait). */
export function deployChart(s: ClusterState, r: HelmRelease, waitReady: boolean): void {
  const wanted = manifests(r);
  const same = (o: K8sObject, m: K8sObject) =>
    o.kind === m.kind &&
    o.metadata.name === m.metadata.name &&
    o.metadata.namespace === m.metadata.namespace;
  for (const old of r.resources ?? [])
    if (!wanted.some((m) => m.kind === old.kind && m.metadata.name === old.name)) {
      const o = s.objects.find(
        (x) =>
          x.kind === old.kind &&
          x.metadata.name === old.name &&
          x.metadata.namespace === old.namespace,
      );
      if (o) deleteObject(s, o);
    }
  for (const m of wanted) {
    const live = s.objects.find((o) => same(o, m));
    let obj: K8sObject;
    if (live && m.kind === 'Secret') {
      // The chart keeps its generated keys (a lookup of its own Secret); an upgrade that
      // renders the same data leaves the object as it was.
      m.data![CHART_KEYS] = live.data?.[CHART_KEYS] ?? newChartKey();
      if (JSON.stringify(live.data) !== JSON.stringify(m.data)) {
        live.data = m.data;
        live.metadata.resourceVersion = nextResourceVersion(s);
      }
      continue;
    }
    if (m.kind === 'Secret') m.data![CHART_KEYS] = newChartKey();
    if (live) {
      live.metadata.labels = m.metadata.labels;
      live.metadata.annotations = {
        ...(live.metadata.annotations ?? {}),
        ...m.metadata.annotations,
      };
      live.spec = m.spec;
      live.metadata.resourceVersion = nextResourceVersion(s);
      if (live.metadata.generation) live.metadata.generation += 1;
      obj = live;
    } else {
      stampNew(s, m);
      s.objects.push(m);
      obj = m;
    }
    // Every helm upgrade rolls the pods (the chart checksums its config into them).
    if (obj.kind === 'Deployment') (waitReady ? setReady : setNotReady)(s, obj);
  }
  r.resources = wanted.map((m) => ({
    apiVersion: m.apiVersion,
    kind: m.kind,
    name: m.metadata.name,
    namespace: r.namespace,
  }));
}

export function chartNotes(r: HelmRelease): string {
  if (r.chart !== 'jupyterhub') return '';
  return (
    'NOTES:\nThank you for installing JupyterHub!\n\n' +
    `Your release is named "${r.name}" and installed into the namespace "${r.namespace}".\n`
  );
}

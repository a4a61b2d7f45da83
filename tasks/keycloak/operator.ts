import { TaskError, type Ctx } from '../core/index.js';
import { apply, deleteObjects } from '../k8s/index.js';
import { ensureNamespace, labelNamespace } from '../k8s/namespace.js';
import { keycloakVars } from './vars.js';

const BASE = 'https://raw.githubusercontent.com/keycloak/keycloak-k8s-resources';

/** The operator's manifests for a version: the two CRDs, then the operator itself. */
export const operatorManifests = (version: string) => ({
  crds: [
    `${BASE}/${version}/kubernetes/keycloaks.k8s.keycloak.org-v1.yml`,
    `${BASE}/${version}/kubernetes/keycloakrealmimports.k8s.keycloak.org-v1.yml`,
  ],
  operator: `${BASE}/${version}/kubernetes/kubernetes.yml`,
});

// Goldilocks/VPA's recommendation upstream applies to the operator's container.
const OPERATOR_RESOURCES = JSON.stringify([
  {
    op: 'replace',
    path: '/spec/template/spec/containers/0/resources/requests/memory',
    value: '704Mi',
  },
  { op: 'replace', path: '/spec/template/spec/containers/0/resources/limits/memory', value: '1Gi' },
]);

const waitAvailable = (ctx: Ctx, ns: string) =>
  ctx.exec.change(
    'kubectl',
    [
      'wait',
      '--for=condition=available',
      'deployment/keycloak-operator',
      '-n',
      ns,
      '--timeout=300s',
    ],
    { timeoutMs: 330_000 },
  );

/** install-operator: namespace (baseline: the operator does not meet restricted), CRDs, operator, memory. */
export async function installOperator(ctx: Ctx): Promise<void> {
  const v = await ctx.config.read(keycloakVars);
  const ns = v.KEYCLOAK_NAMESPACE;
  const m = operatorManifests(v.KEYCLOAK_OPERATOR_VERSION);
  await ensureNamespace(ctx, ns);
  await labelNamespace(ctx, ns, { 'pod-security.kubernetes.io/enforce': 'baseline' });
  ctx.log.step('installing the Keycloak operator CRDs');
  for (const url of m.crds) await ctx.exec.change('kubectl', ['apply', '-f', url]);
  ctx.log.step(`installing the Keycloak operator in ${ns}`);
  await ctx.exec.change('kubectl', ['apply', '-n', ns, '-f', m.operator]);
  await waitAvailable(ctx, ns);
  ctx.log.step('applying the recommended operator memory');
  await ctx.exec.change('kubectl', [
    'patch',
    'deployment',
    'keycloak-operator',
    '-n',
    ns,
    '--type=json',
    '-p',
    OPERATOR_RESOURCES,
  ]);
  await waitAvailable(ctx, ns);
  ctx.effects.done(`Keycloak operator ${v.KEYCLOAK_OPERATOR_VERSION} installed in ${ns}`);
}

/** uninstall-operator: the operator, then the CRDs (which deletes every Keycloak CR): asks first. */
export async function uninstallOperator(ctx: Ctx): Promise<void> {
  const v = await ctx.config.read(keycloakVars);
  const m = operatorManifests(v.KEYCLOAK_OPERATOR_VERSION);
  if (
    !(await ctx.effects.confirm(
      'Uninstall the Keycloak operator and its CRDs? Every Keycloak resource goes with them.',
    ))
  )
    throw new TaskError(
      'the operator was not uninstalled',
      'pass --yes to uninstall without asking',
    );
  await ctx.exec.change('kubectl', [
    'delete',
    '-n',
    v.KEYCLOAK_NAMESPACE,
    '-f',
    m.operator,
    '--ignore-not-found',
  ]);
  for (const url of [...m.crds].reverse())
    await ctx.exec.change('kubectl', ['delete', '-f', url, '--ignore-not-found']);
}

const waitKeycloakReady = (ctx: Ctx, ns: string) =>
  ctx.exec.change(
    'kubectl',
    ['wait', '--for=condition=Ready', 'keycloak/keycloak', '-n', ns, '--timeout=600s'],
    { timeoutMs: 630_000 },
  );

/** enable-monitoring: label, metrics option on the CR, wait, ServiceMonitor. */
export async function enableMonitoring(ctx: Ctx): Promise<void> {
  const ns = (await ctx.config.read(keycloakVars)).KEYCLOAK_NAMESPACE;
  await labelNamespace(ctx, ns, { 'buun.channel/enable-monitoring': 'true' });
  await ctx.exec.change('kubectl', [
    'patch',
    'keycloak',
    'keycloak',
    '-n',
    ns,
    '--type=json',
    '-p',
    JSON.stringify([
      {
        op: 'add',
        path: '/spec/additionalOptions/-',
        value: { name: 'metrics-enabled', value: 'true' },
      },
    ]),
  ]);
  ctx.log.step('waiting for Keycloak to restart with metrics enabled');
  await waitKeycloakReady(ctx, ns);
  await apply(ctx, [serviceMonitor(ns)], 'ServiceMonitor keycloak');
  ctx.effects.done('Keycloak monitoring enabled');
}

/** disable-monitoring: ServiceMonitor gone, additionalOptions back to upstream's four, label removed. */
export async function disableMonitoring(ctx: Ctx): Promise<void> {
  const ns = (await ctx.config.read(keycloakVars)).KEYCLOAK_NAMESPACE;
  await deleteObjects(ctx, 'servicemonitor', ['keycloak'], ns);
  await ctx.exec.change('kubectl', [
    'patch',
    'keycloak',
    'keycloak',
    '-n',
    ns,
    '--type=json',
    '-p',
    JSON.stringify([{ op: 'remove', path: '/spec/additionalOptions', value: null }]),
  ]);
  await ctx.exec.change('kubectl', [
    'patch',
    'keycloak',
    'keycloak',
    '-n',
    ns,
    '--type=merge',
    '-p',
    JSON.stringify({
      spec: {
        additionalOptions: [
          { name: 'http-enabled', value: 'true' },
          { name: 'hostname-strict', value: 'false' },
          { name: 'hostname-strict-https', value: 'false' },
          { name: 'proxy', value: 'edge' },
        ],
      },
    }),
  ]);
  await labelNamespace(ctx, ns, { 'buun.channel/enable-monitoring': null });
  ctx.effects.done('Keycloak monitoring disabled');
}

/** The ServiceMonitor upstream's keycloak-servicemonitor.gomplate.yaml describes. */
export const serviceMonitor = (namespace: string) => ({
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: {
    name: 'keycloak',
    namespace,
    labels: { app: 'keycloak', release: 'kube-prometheus-stack' },
  },
  spec: {
    selector: { matchLabels: { app: 'keycloak' } },
    endpoints: [
      {
        port: 'management',
        path: '/metrics',
        interval: '30s',
        scheme: 'http',
        metricRelabelings: [
          {
            sourceLabels: ['__name__'],
            regex: 'vendor_(.*)',
            targetLabel: '__name__',
            replacement: 'keycloak_$1',
          },
        ],
      },
    ],
  },
});

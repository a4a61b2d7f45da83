import { TaskError, type Ctx } from '../core/index.js';
import { getObject } from './kubectl.js';
import { apply, deleteObjects } from './kubectl-changes.js';
import { labelNamespace } from './namespace.js';
import { waitDeploymentsReady } from './wait.js';

export const REGISTRY_NAMESPACE = 'registry';
export const REGISTRY_NODE_PORT = 30500;

/** The in-cluster registry (registry:2 on NodePort 30500) as upstream's k8s/registry/registry.yaml describes it. */
export function registryManifests(): object[] {
  const ns = REGISTRY_NAMESPACE;
  const labels = { app: 'registry' };
  const probe = (initialDelaySeconds: number, periodSeconds: number) => ({
    httpGet: { path: '/v2/', port: 5000 },
    initialDelaySeconds,
    periodSeconds,
  });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'registry', namespace: ns, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65534,
              fsGroup: 65534,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'registry',
                image: 'registry:2',
                ports: [{ containerPort: 5000, name: 'http' }],
                resources: {
                  requests: { cpu: '25m', memory: '128Mi' },
                  limits: { cpu: '2000m', memory: '20Gi' },
                },
                env: [
                  { name: 'REGISTRY_STORAGE_DELETE_ENABLED', value: 'true' },
                  { name: 'REGISTRY_HTTP_ADDR', value: '0.0.0.0:5000' },
                ],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  runAsNonRoot: true,
                  runAsUser: 65534,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [
                  { name: 'registry-data', mountPath: '/var/lib/registry' },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
                livenessProbe: probe(30, 10),
                readinessProbe: probe(5, 5),
              },
            ],
            volumes: [
              { name: 'registry-data', emptyDir: {} },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'registry', namespace: ns, labels },
      spec: {
        selector: labels,
        ports: [{ port: 5000, targetPort: 5000, name: 'http' }],
        type: 'ClusterIP',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'registry-nodeport', namespace: ns, labels },
      spec: {
        selector: labels,
        ports: [{ port: 5000, targetPort: 5000, nodePort: REGISTRY_NODE_PORT, name: 'http' }],
        type: 'NodePort',
      },
    },
  ];
}

/** deploy-registry: the manifests, the restricted label, then a bounded wait for the Deployment. */
export async function deployRegistry(ctx: Ctx, timeoutSeconds = 180): Promise<void> {
  ctx.log.step('deploying the local Docker registry');
  await apply(ctx, registryManifests(), 'in-cluster registry');
  await labelNamespace(ctx, REGISTRY_NAMESPACE, {
    'pod-security.kubernetes.io/enforce': 'restricted',
  });
  await waitDeploymentsReady(ctx, REGISTRY_NAMESPACE, ['registry'], { timeoutSeconds });
}

/** remove-registry: the whole namespace, after confirmation. */
export async function removeRegistry(ctx: Ctx): Promise<void> {
  if (!(await ctx.effects.confirm('Remove the local Docker registry?')))
    throw new TaskError('the registry was not removed', 'pass --yes to remove without asking');
  await deleteObjects(ctx, 'namespace', [REGISTRY_NAMESPACE]);
  ctx.effects.done('registry removed');
}

/** The cluster half of check-registry (the node half needs ssh: see node.ts). */
export async function registryObjects(ctx: Ctx): Promise<string[]> {
  const lines: string[] = ['1. Registry deployment status:'];
  const d = await getObject(ctx, 'deployment', 'registry', REGISTRY_NAMESPACE);
  lines.push(
    d
      ? `✓ Registry deployment exists (${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1} ready)`
      : '✗ Registry deployment not found',
  );
  lines.push('', '2. Registry services:');
  const svc = await getObject(ctx, 'service', 'registry', REGISTRY_NAMESPACE);
  const nodePort = await getObject(ctx, 'service', 'registry-nodeport', REGISTRY_NAMESPACE);
  lines.push(
    svc
      ? `✓ Registry service exists${nodePort ? ` (NodePort ${nodePort.spec?.ports?.[0]?.nodePort})` : ''}`
      : '✗ Registry services not found',
  );
  return lines;
}

/** check-registry: the cluster objects, the node's registries.yaml and the NodePort from the node. */
export async function checkRegistry(
  ctx: Ctx,
  host: string,
  sshQuery: (command: string) => Promise<{ status: number | null; stdout: string }>,
): Promise<string> {
  const lines = [
    'Checking local Docker registry status...',
    '',
    ...(await registryObjects(ctx)),
    '',
  ];
  lines.push('3. K3s registries configuration:');
  const conf = await sshQuery('sudo test -f /etc/rancher/k3s/registries.yaml');
  if (conf.status === 0) {
    lines.push('✓ Registries configuration exists');
    lines.push((await sshQuery('sudo cat /etc/rancher/k3s/registries.yaml')).stdout.trimEnd());
  } else lines.push('✗ Registries configuration not found');
  lines.push(
    '',
    '4. Registry accessibility test:',
    `Testing from k3s host (localhost:${REGISTRY_NODE_PORT}):`,
  );
  const up = await sshQuery(`curl -f -s http://localhost:${REGISTRY_NODE_PORT}/v2/`);
  if (up.status === 0) {
    lines.push('✓ Registry is accessible from k3s host', 'Registry catalog:');
    const catalog = await sshQuery(`curl -s http://localhost:${REGISTRY_NODE_PORT}/v2/_catalog`);
    lines.push(catalog.status === 0 ? catalog.stdout.trimEnd() : 'Unable to retrieve catalog');
  } else lines.push('✗ Registry is not accessible from k3s host');
  lines.push(
    '',
    'Note: To push images, use:',
    `  export DOCKER_HOST=ssh://${host}`,
    `  docker push localhost:${REGISTRY_NODE_PORT}/myimage:tag`,
  );
  return lines.join('\n');
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TaskError, templatesDir, type Ctx } from '../core/index.js';
import { renderText } from '../template/write.js';
import { ssh } from './node.js';
import { deployRegistry, REGISTRY_NODE_PORT } from './registry.js';
import { k8sVars } from './vars.js';

const text = async (ctx: Ctx, name: string) => (await ctx.config.text(name)) ?? '';

/** configure-registry: registries.yaml on the node (localhost:30500 without TLS checks), k3s restarted. */
export async function configureRegistry(ctx: Ctx, host: string): Promise<void> {
  ctx.log.step('configuring k3s registries.yaml');
  await ssh(ctx, host, 'sudo mkdir -p /etc/rancher/k3s');
  const yaml = renderText(
    join(templatesDir('k8s'), 'registry', 'registries.gomplate.yaml'),
    {},
    ctx.cwd,
  );
  await ssh(ctx, host, 'sudo tee /etc/rancher/k3s/registries.yaml > /dev/null', { input: yaml });
  ctx.log.info('restarting k3s to apply the registry configuration');
  await ssh(ctx, host, 'sudo systemctl restart k3s', { timeoutMs: 5 * 60_000 });
  ctx.effects.done('registry configuration applied');
}

/** setup-oidc-auth: the API server's OIDC flags on the node, then a kubectl context that logs in with oidc-login. */
export async function setupOidcAuth(ctx: Ctx, host: string): Promise<void> {
  const external = await text(ctx, 'EXTERNAL_K8S_HOST');
  const keycloakHost = await text(ctx, 'KEYCLOAK_HOST');
  const realm = (await ctx.config.text('KEYCLOAK_REALM')) || 'buunstack';
  const clientId = (await ctx.config.text('K8S_OIDC_CLIENT_ID')) || 'k8s';
  const { K8S_FEATURE_GATES } = await ctx.config.read(k8sVars);
  for (const [name, value] of [
    ['EXTERNAL_K8S_HOST', external],
    ['KEYCLOAK_HOST', keycloakHost],
  ])
    if (!value) throw new TaskError(`${name} is required: set it in .env.local or the environment`);
  const cache = join(ctx.env.HOME ?? '', '.kube', 'cache', 'oidc-login');
  const clearCache =
    existsSync(cache) &&
    (await ctx.prompt.confirm({
      message: 'Clear the OIDC token cache? (recommended after a Keycloak reinstall)',
      nonInteractive: false,
    }));
  const config = renderText(
    join(templatesDir('k8s'), 'k3s', 'config.gomplate.yaml'),
    {
      KEYCLOAK_HOST: keycloakHost,
      KEYCLOAK_REALM: realm,
      K8S_FEATURE_GATES: String(K8S_FEATURE_GATES),
    },
    ctx.cwd,
  );
  if (clearCache) {
    await ctx.exec.change('rm', ['-rf', cache]);
    ctx.effects.done('OIDC token cache cleared');
  }
  await ssh(ctx, host, 'sudo tee /etc/rancher/k3s/config.yaml > /dev/null', { input: config });
  await ssh(ctx, host, 'sudo systemctl restart k3s', { timeoutMs: 5 * 60_000 });
  const name = `${host}-oidc`;
  await ctx.exec.change('kubectl', [
    'config',
    'set-credentials',
    name,
    '--exec-api-version=client.authentication.k8s.io/v1beta1',
    '--exec-command=kubectl',
    '--exec-arg=oidc-login',
    '--exec-arg=get-token',
    `--exec-arg=--oidc-issuer-url=https://${keycloakHost}/realms/${realm}`,
    `--exec-arg=--oidc-client-id=${clientId}`,
  ]);
  await ctx.exec.change('kubectl', ['config', 'set-cluster', name, `--server=https://${external}`]);
  await ctx.exec.change('kubectl', [
    'config',
    'set-context',
    name,
    `--cluster=${name}`,
    `--user=${name}`,
  ]);
  await ctx.exec.change('kubectl', ['config', 'use-context', name]);
}

/** install: k3s with k3sup (questions first), optional kubeconfig merge, then the registry. */
export async function installK3s(ctx: Ctx, host: string): Promise<void> {
  const external = await text(ctx, 'EXTERNAL_K8S_HOST');
  if (!external)
    throw new TaskError('EXTERNAL_K8S_HOST is required: set it in .env.local or the environment');
  const { K3S_ENABLE_REGISTRY } = await ctx.config.read(k8sVars);
  const user = ctx.prompt.interactive
    ? await ctx.prompt.input({ variable: 'USER', message: 'SSH username', default: ctx.env.USER })
    : (ctx.env.USER ?? '');
  if (!user) throw new TaskError('no SSH user name: set USER or run in a terminal');
  let kubeconfig = '';
  let context = '';
  if (await ctx.prompt.confirm({ message: 'Update KUBECONFIG?', nonInteractive: false })) {
    kubeconfig = await ctx.prompt.input({
      variable: 'KUBECONFIG',
      message: 'KUBECONFIG file',
      default: join(ctx.env.HOME ?? '~', '.kube', 'config'),
    });
    context = await ctx.prompt.input({
      variable: 'context',
      argument: true,
      message: 'Context name',
      default: host,
    });
  }
  const args = ['install', '--host', host, '--tls-san', external, '--user', user];
  if (context) args.push('--context', context);
  if (kubeconfig) {
    await ctx.exec.change('mkdir', ['-p', dirname(kubeconfig)]);
    args.push('--local-path', kubeconfig, '--merge');
  }
  await ctx.exec.change('k3sup', args, { timeoutMs: 15 * 60_000 });
  if (context) await ctx.exec.change('kubectl', ['config', 'use-context', context]);
  if (K3S_ENABLE_REGISTRY) {
    await deployRegistry(ctx, 60);
    await configureRegistry(ctx, host);
    ctx.log.ok(`local Docker registry deployed and configured: localhost:${REGISTRY_NODE_PORT}`);
    ctx.log.info(`  export DOCKER_HOST=ssh://${host}`);
    ctx.log.info(`  docker build -t localhost:${REGISTRY_NODE_PORT}/myapp:latest .`);
    ctx.log.info(`  docker push localhost:${REGISTRY_NODE_PORT}/myapp:latest`);
  }
  ctx.effects.done(`k3s cluster installed on ${host}`);
}

import { TaskError, recipe, type Ctx } from '../core/index.js';
import { helm } from '../k8s/index.js';
import { ensureNamespace, removeNamespace } from '../k8s/namespace.js';
import { vaultAddr } from './addr.js';
import { HELM_REPO } from './helm-repo.js';
import { install } from './install.js';
import { unsealOverHttp } from './unseal.js';
import { vaultVars } from './vars.js';

const namespaceOf = async (ctx: Ctx) => (await ctx.config.read(vaultVars)).K8S_VAULT_NAMESPACE;

/** vault:uninstall: the release (waited for), then the namespace (asks first). */
export async function uninstallVault(ctx: Ctx): Promise<void> {
  const ns = await namespaceOf(ctx);
  if (
    !(await ctx.effects.confirm(
      `Uninstall Vault (release vault in ${ns}) and delete namespace ${ns}? Its data is lost.`,
    ))
  )
    throw new TaskError('Vault was not uninstalled', 'pass --yes to uninstall without asking');
  await helm.uninstall(ctx, 'vault', ns);
  await removeNamespace(ctx, ns);
}

/** `vault login -method=oidc` against VAULT_ADDR (a browser window opens; bounded to 5 min). */
export async function login(ctx: Ctx): Promise<void> {
  const addr = await vaultAddr(ctx);
  await ctx.exec.change('vault', ['login', '-method=oidc'], {
    env: { VAULT_ADDR: addr },
    timeoutMs: 5 * 60_000,
  });
}

export const lifecycleRecipes = [
  recipe({
    name: 'install',
    description:
      'Install Vault (chart, init and unseal, Kubernetes auth, KV v2 at secret/, policy admin)',
    vars: ['VAULT_HOST', 'VAULT_ADDR', 'VAULT_TOKEN', 'K8S_VAULT_NAMESPACE', 'VAULT_CHART_VERSION'],
    run: (ctx) => install(ctx),
  }),
  recipe({
    name: 'add-helm-repo',
    description: 'Add the hashicorp Helm repository',
    run: (ctx) => helm.addRepo(ctx, HELM_REPO.name, HELM_REPO.url),
  }),
  recipe({
    name: 'remove-helm-repo',
    description: 'Remove the hashicorp Helm repository',
    run: (ctx) => helm.removeRepo(ctx, HELM_REPO.name),
  }),
  recipe({
    name: 'create-namespace',
    description: 'Create namespace K8S_VAULT_NAMESPACE',
    vars: ['K8S_VAULT_NAMESPACE'],
    run: async (ctx) => ensureNamespace(ctx, await namespaceOf(ctx)),
  }),
  recipe({
    name: 'delete-namespace',
    description: 'Delete namespace K8S_VAULT_NAMESPACE (asks first)',
    vars: ['K8S_VAULT_NAMESPACE'],
    run: async (ctx) => removeNamespace(ctx, await namespaceOf(ctx)),
  }),
  recipe({
    name: 'uninstall',
    description: 'Uninstall the vault release and delete its namespace (asks first)',
    params: [
      {
        name: 'delete-ns',
        default: 'false',
        description: 'kept for parity: upstream always deletes the namespace',
      },
    ],
    vars: ['K8S_VAULT_NAMESPACE'],
    run: (ctx) => uninstallVault(ctx),
  }),
  recipe({
    name: 'login',
    description: 'Log in to Vault with OIDC (vault CLI; the token goes to ~/.vault-token)',
    vars: ['VAULT_HOST', 'VAULT_ADDR'],
    run: (ctx) => login(ctx),
  }),
  recipe({
    name: 'unseal',
    description: 'Unseal Vault with VAULT_UNSEAL_KEY (op:// works) or the asked key',
    vars: ['VAULT_HOST', 'VAULT_ADDR', 'VAULT_UNSEAL_KEY', 'VAULT_CACERT', 'VAULT_SKIP_VERIFY'],
    run: (ctx) => unsealOverHttp(ctx),
  }),
];

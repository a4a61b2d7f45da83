// The namespace's justfile: variables, then one entry per recipe (just's and day-2 ones); the
// whole recipe table reads in one place, like the justfile did.
import {
  formatListing,
  namespace,
  plainStyle,
  readManifest,
  recipe,
  type Ctx,
} from '../core/index.js';
import { addHelmRepo, createNamespace, deleteNamespace, removeHelmRepo } from './cluster.js';
import { createCryptKey, rotateCryptKey } from './crypt-key.js';
import { getToken, tokenOptions, validateUsername } from './hub-api.js';
import { formatTokens, listTokens, revokeTokens } from './hub-tokens.js';
import { buildKernelImages, pushKernelImages } from './images.js';
import { install } from './install.js';
import { setupClaudeMcpServer, setupMcpServer } from './mcp.js';
import { ADMIN_SERVICE_TOKEN, CRYPT_KEY, replaceHubSecret } from './secrets.js';
import { checksJson, exitCode, formatChecks } from './check-report.js';
import { status } from './status.js';
import { diff, diffJson, formatDiff } from './diff.js';
import { checkSpawn } from './check-spawn.js';
import { loadSettings } from './settings.js';
import { deletePv, uninstall } from './uninstall.js';
import { getApiToken, mcpStatus } from './user-pod.js';
import { formatUserVaultTokens, listUserVaultTokens } from './vault-tokens.js';
import { jupyterhubVars } from './vars.js';
import {
  createJupyterhubVaultToken,
  rootVault,
  setupVaultIntegration,
} from './vault-integration.js';

export {
  install,
  uninstall,
  deletePv,
  getToken,
  getApiToken,
  mcpStatus,
  setupMcpServer,
  setupClaudeMcpServer,
  buildKernelImages,
  pushKernelImages,
};
export { jupyterhubVars };

const ns = async (ctx: Ctx) => (await loadSettings(ctx)).JUPYTERHUB_NAMESPACE;

const rootToken = {
  name: 'root_token',
  optional: true,
  description: 'Vault root token (else VAULT_TOKEN, else asked); - reads it from stdin',
  secret: true,
  envHint: 'set VAULT_TOKEN',
} as const;
const username = { name: 'username', description: 'JupyterHub user name' } as const;
const optionalUser = { ...username, optional: true } as const;
const json = { name: 'json', flag: true, description: 'print JSON on stdout' } as const;
const VARS = Object.keys(jupyterhubVars);
const jsonFlag = {
  name: 'json',
  flag: true,
  description: 'print the result as JSON on stdout',
} as const;
// The day-2 views decide and render as install does, and read Vault and Keycloak.
const DAY2 = [...VARS, 'VAULT_TOKEN', 'KEYCLOAK_ADMIN_USER', 'KEYCLOAK_ADMIN_PASSWORD'];
const HUB = ['JUPYTERHUB_NAMESPACE', 'JUPYTERHUB_HOST'];
// What the crypt-key and admin-token recipes read to decide between ESO, Vault and a plain Secret.
const HUB_SECRET = [
  'JUPYTERHUB_NAMESPACE',
  'EXTERNAL_SECRETS_NAMESPACE',
  'K8S_VAULT_NAMESPACE',
  'VAULT_HOST',
  'VAULT_TOKEN',
];
const IMAGES = [
  'DOCKER_CMD',
  'IMAGE_REGISTRY',
  'KERNEL_IMAGE_BUUN_STACK_REPOSITORY',
  'KERNEL_IMAGE_BUUN_STACK_CUDA_REPOSITORY',
  'JUPYTER_PYTHON_KERNEL_TAG',
  'JUPYTER_PROFILE_BUUN_STACK_CUDA_ENABLED',
];

export default namespace({
  name: 'jupyterhub',
  description:
    'JupyterHub on Kubernetes: Zero to JupyterHub, Keycloak login, Vault secrets, kernel images',
  vars: jupyterhubVars,
  recipes: [
    recipe({
      name: 'default',
      description: 'List the recipes of this namespace',
      run: async (ctx) => {
        const manifest = readManifest();
        ctx.out(
          formatListing(
            manifest,
            manifest.namespaces.filter((n) => n.name === 'jupyterhub'),
            plainStyle,
          ),
        );
      },
    }),
    recipe({
      name: 'add-helm-repo',
      description: 'Add (or refresh) the jupyterhub Helm repository',
      vars: ['JUPYTERHUB_CHART_REPO_URL'],
      run: (ctx) => addHelmRepo(ctx),
    }),
    recipe({
      name: 'remove-helm-repo',
      description: 'Remove the jupyterhub Helm repository',
      run: (ctx) => removeHelmRepo(ctx),
    }),
    recipe({
      name: 'create-namespace',
      description: 'Create JUPYTERHUB_NAMESPACE if missing',
      vars: ['JUPYTERHUB_NAMESPACE'],
      run: async (ctx) => createNamespace(ctx, await ns(ctx)),
    }),
    recipe({
      name: 'delete-namespace',
      description: 'Delete JUPYTERHUB_NAMESPACE (asks first)',
      vars: ['JUPYTERHUB_NAMESPACE'],
      run: async (ctx) => deleteNamespace(ctx, await ns(ctx)),
    }),
    recipe({
      name: 'create-crypt-key-secret',
      description:
        'New crypt key: Vault + ExternalSecret with External Secrets, else a Secret; an existing one only with --replace',
      params: [
        {
          name: 'replace',
          flag: true,
          description: 'replace an existing key (stored auth state becomes unreadable; asks first)',
        },
      ],
      vars: HUB_SECRET,
      run: (ctx, a) => createCryptKey(ctx, a.replace),
    }),
    recipe({
      name: 'rotate-crypt-key',
      description:
        'New crypt key first, the old ones kept for reading (Vault and cluster), then restart the hub; --drop-old keeps only the first',
      params: [
        {
          name: 'drop_old',
          flag: true,
          description: 'keep only the current first key, no new one (asks first)',
        },
      ],
      vars: [...HUB_SECRET, 'K8S_WAIT_TIMEOUT'],
      run: (ctx, a) => rotateCryptKey(ctx, a.drop_old),
    }),
    recipe({
      name: 'create-admin-service-token-secret',
      description:
        'New admin-service API token: Vault + ExternalSecret with External Secrets, else a Secret',
      vars: HUB_SECRET,
      run: (ctx) => replaceHubSecret(ctx, ADMIN_SERVICE_TOKEN),
    }),
    recipe({
      name: 'install',
      description: 'Install or upgrade JupyterHub (asks only what .env.local leaves open)',
      params: [
        rootToken,
        {
          name: 'allow_second_hub',
          flag: true,
          description: 'install even though a jupyterhub release runs in another namespace',
        },
      ],
      vars: [...VARS, 'VAULT_TOKEN', 'KEYCLOAK_ADMIN_USER', 'KEYCLOAK_ADMIN_PASSWORD'],
      run: async (ctx, a) => void (await install(ctx, a.root_token, a.allow_second_hub)),
    }),
    recipe({
      name: 'uninstall',
      description:
        'Remove the release and what install created (asks first); --purge also Vault and Keycloak',
      params: [
        {
          name: 'purge',
          flag: true,
          description: 'also destroy Vault entries, token, policy, role and the Keycloak client',
        },
      ],
      vars: [
        'JUPYTERHUB_NAMESPACE',
        'K8S_VAULT_NAMESPACE',
        'VAULT_HOST',
        'VAULT_TOKEN',
        'KEYCLOAK_REALM',
        'JUPYTERHUB_OIDC_CLIENT_ID',
        'JUPYTERHUB_AUTH',
      ],
      run: (ctx, a) => uninstall(ctx, a.purge),
    }),
    recipe({
      name: 'delete-pv',
      description: 'Delete the static NFS PV and its StorageClass',
      run: (ctx) => deletePv(ctx),
    }),
    recipe({
      name: 'setup-vault-integration',
      description: 'Vault policy jupyterhub-admin, Kubernetes auth role, token renewer ConfigMap',
      params: [rootToken],
      vars: [
        'JUPYTERHUB_NAMESPACE',
        'JUPYTERHUB_VAULT_TOKEN_TTL',
        'NOTEBOOK_VAULT_TOKEN_TTL',
        'NOTEBOOK_VAULT_TOKEN_MAX_TTL',
        'VAULT_HOST',
        'VAULT_TOKEN',
      ],
      run: async (ctx, a) =>
        setupVaultIntegration(ctx, await loadSettings(ctx), await rootVault(ctx, a.root_token)),
    }),
    recipe({
      name: 'create-jupyterhub-vault-token',
      description:
        "Create the hub's Vault admin token and store it at secret/jupyterhub/vault-token",
      params: [rootToken],
      vars: ['JUPYTERHUB_VAULT_TOKEN_TTL', 'VAULT_HOST', 'VAULT_TOKEN'],
      run: async (ctx, a) =>
        void (await createJupyterhubVaultToken(
          ctx,
          await loadSettings(ctx),
          await rootVault(ctx, a.root_token),
          false,
        )),
    }),
    recipe({
      name: 'get-token',
      description:
        'Print a JupyterHub API token for a user (created when missing); stdout = the token only',
      params: [
        username,
        {
          name: 'expires_in',
          option: true,
          optional: true,
          description: 'lifetime: seconds or a Go duration (24h); default: never expires',
        },
        {
          name: 'scopes',
          option: true,
          optional: true,
          description: 'comma-separated; default: access:servers!user=<user>,self',
        },
        {
          name: 'note',
          option: true,
          optional: true,
          description: 'shown by list-tokens; default: MCP server token',
        },
      ],
      vars: ['JUPYTERHUB_NAMESPACE', 'JUPYTERHUB_API_URL'],
      run: async (ctx, a) => {
        const token = await getToken(ctx, validateUsername(a.username), tokenOptions(a));
        if (token) ctx.out(token);
      },
    }),
    recipe({
      name: 'list-tokens',
      description: "A user's JupyterHub API tokens: id, note, scopes, created, expires, last used",
      params: [username, json],
      vars: ['JUPYTERHUB_NAMESPACE', 'JUPYTERHUB_API_URL'],
      run: async (ctx, a) => {
        const tokens = await listTokens(ctx, a.username);
        if (a.json) ctx.out(JSON.stringify(tokens, null, 2));
        else if (tokens.length) ctx.out(formatTokens(tokens));
        else ctx.log.info(`  ${a.username} has no API tokens`);
      },
    }),
    recipe({
      name: 'revoke-token',
      description: 'Revoke one API token of a user by id (see list-tokens), or --all of them',
      params: [
        username,
        { name: 'token_id', optional: true, description: 'the id list-tokens shows' },
        { name: 'all', flag: true, description: 'every API token of the user (asks first)' },
      ],
      vars: ['JUPYTERHUB_NAMESPACE', 'JUPYTERHUB_API_URL'],
      run: async (ctx, a) => void (await revokeTokens(ctx, a.username, a.token_id, a.all)),
    }),
    recipe({
      name: 'list-vault-tokens',
      description:
        "The users' Vault tokens the pre-spawn hook minted, with TTLs (by accessor; needs a root token)",
      params: [rootToken, json],
      vars: ['VAULT_HOST', 'VAULT_TOKEN'],
      run: async (ctx, a) => {
        const tokens = await listUserVaultTokens(ctx, await rootVault(ctx, a.root_token));
        if (a.json) ctx.out(JSON.stringify(tokens, null, 2));
        else if (tokens.length) ctx.out(formatUserVaultTokens(tokens));
        else ctx.log.info('  no user Vault tokens (none minted yet, or all expired)');
      },
    }),
    recipe({
      name: 'get-api-token',
      description: "Print JUPYTERHUB_API_TOKEN of the user's running server pod",
      params: [username],
      vars: HUB,
      run: async (ctx, a) => ctx.out(await getApiToken(ctx, a.username)),
    }),
    recipe({
      name: 'setup-mcp-server',
      description: 'Print MCP server URL, token and tools for a user',
      params: [optionalUser],
      vars: HUB,
      run: (ctx, a) => setupMcpServer(ctx, a.username),
    }),
    recipe({
      name: 'setup-claude-mcp-server',
      description: 'Print a .mcp.json entry for Claude Code (--json: the JSON alone)',
      params: [
        optionalUser,
        { name: 'json', flag: true, description: 'print only the JSON on stdout' },
      ],
      vars: HUB,
      run: (ctx, a) => setupClaudeMcpServer(ctx, a.username, a.json),
    }),
    recipe({
      name: 'mcp-status',
      description: "Check the MCP server in a user's pod",
      params: [optionalUser],
      vars: HUB,
      run: async (ctx, a) =>
        mcpStatus(
          ctx,
          a.username ||
            (await ctx.prompt.input({
              variable: 'username',
              argument: true,
              message: 'JupyterHub username',
            })),
        ),
    }),
    recipe({
      name: 'status',
      description:
        'Every system of record of the hub, a line ok/warn/fail each, with a fix command (exit 1 on a fail)',
      params: [jsonFlag],
      vars: DAY2,
      run: async (ctx, a) => {
        const checks = await status(ctx);
        const redact = (t: string) => ctx.secrets.redact(t);
        ctx.out(a.json ? checksJson(checks, redact) : formatChecks(checks, redact));
        return exitCode(checks);
      },
    }),
    recipe({
      name: 'diff',
      description:
        'What install would change: the Helm values as a unified diff, each other object created/changed/unchanged',
      params: [jsonFlag],
      vars: DAY2,
      run: async (ctx, a) => {
        const result = await diff(ctx);
        const redact = (t: string) => ctx.secrets.redact(t);
        ctx.out(a.json ? diffJson(result, redact) : formatDiff(result, redact));
      },
    }),
    recipe({
      name: 'check-spawn',
      description:
        'Server-side dry-run of the pod the hub would create for each enabled profile (exit 1 if one is rejected)',
      params: [
        {
          name: 'profile',
          optional: true,
          description: 'only this profile (slug, display name, or a word of its image)',
        },
        jsonFlag,
      ],
      vars: DAY2,
      run: async (ctx, a) => {
        const checks = await checkSpawn(ctx, a.profile);
        const redact = (t: string) => ctx.secrets.redact(t);
        ctx.out(a.json ? checksJson(checks, redact) : formatChecks(checks, redact));
        return exitCode(checks);
      },
    }),
    recipe({
      name: 'build-kernel-images',
      description: 'Build the buunstack wheel and the kernel image(s)',
      vars: [...IMAGES, 'SPARK_VERSION', 'SPARK_DOWNLOAD_URL', 'PIP_REPOSITORY_URL'],
      run: (ctx) => buildKernelImages(ctx),
    }),
    recipe({
      name: 'push-kernel-images',
      description: 'Push the kernel image(s) to IMAGE_REGISTRY',
      vars: IMAGES,
      run: (ctx) => pushKernelImages(ctx),
    }),
  ],
});

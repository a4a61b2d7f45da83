import { TaskError, recipe, type Ctx } from '../../core/index.js';
import { deleteObjects } from '../../k8s/index.js';
import { ensureNamespace, removeNamespace } from '../../k8s/namespace.js';
import {
  askCredentials,
  createCredentials,
  deleteAdminCredentialsFromVault,
  putAdminCredentialsToVault,
} from '../credentials.js';
import {
  disableMonitoring,
  enableMonitoring,
  installOperator,
  uninstallOperator,
} from '../operator.js';
import { createDatabaseSecret } from '../database.js';
import { installKeycloak, uninstallKeycloak } from '../install.js';
import { keycloakVars } from '../vars.js';
import { userPassword } from './shared.js';

const namespaceOf = async (ctx: Ctx) => (await ctx.config.read(keycloakVars)).KEYCLOAK_NAMESPACE;
const VAULT = ['VAULT_HOST', 'VAULT_ADDR', 'VAULT_TOKEN'];

async function confirmed(ctx: Ctx, question: string, refusal: string): Promise<void> {
  if (!(await ctx.effects.confirm(question)))
    throw new TaskError(refusal, 'pass --yes to confirm without a terminal');
}

export const clusterRecipes = [
  recipe({
    name: 'create-namespace',
    description: 'Create namespace KEYCLOAK_NAMESPACE',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: async (ctx) => ensureNamespace(ctx, await namespaceOf(ctx)),
  }),
  recipe({
    name: 'delete-namespace',
    description: 'Delete namespace KEYCLOAK_NAMESPACE (asks first)',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: async (ctx) => removeNamespace(ctx, await namespaceOf(ctx)),
  }),
  recipe({
    name: 'create-credentials',
    description:
      'Create the admin credentials Secrets (via External Secrets and Vault when installed)',
    vars: [
      'KEYCLOAK_NAMESPACE',
      'KEYCLOAK_ADMIN_USER',
      'KEYCLOAK_ADMIN_PASSWORD',
      'EXTERNAL_SECRETS_NAMESPACE',
      'K8S_VAULT_NAMESPACE',
      ...VAULT,
    ],
    run: async (ctx) => {
      const { adminUser, password } = await askCredentials(ctx);
      await createCredentials(ctx, adminUser, password);
    },
  }),
  recipe({
    name: 'delete-credentials',
    description: 'Delete the admin credentials Secrets and ExternalSecret (asks first)',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: async (ctx) => {
      const ns = await namespaceOf(ctx);
      await confirmed(
        ctx,
        `Delete the Keycloak admin credentials in ${ns}?`,
        'credentials were not deleted',
      );
      await deleteObjects(ctx, 'secret', ['keycloak-credentials', 'keycloak-bootstrap-admin'], ns);
      await deleteObjects(ctx, 'externalsecret', ['keycloak-credentials'], ns);
    },
  }),
  recipe({
    name: 'create-database-secret',
    description:
      'Create Secret database-config from the postgres superuser (replaced when it exists)',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: (ctx) => createDatabaseSecret(ctx),
  }),
  recipe({
    name: 'install',
    description:
      'Install Keycloak: operator, admin credentials, database keycloak and its Secret, the Keycloak CR',
    vars: [
      'KEYCLOAK_HOST',
      'KEYCLOAK_NAMESPACE',
      'KEYCLOAK_OPERATOR_VERSION',
      'KEYCLOAK_ADMIN_USER',
      'KEYCLOAK_ADMIN_PASSWORD',
      'EXTERNAL_SECRETS_NAMESPACE',
      'K8S_VAULT_NAMESPACE',
      ...VAULT,
    ],
    run: (ctx) => installKeycloak(ctx),
  }),
  recipe({
    name: 'uninstall',
    description:
      'Delete the Keycloak CR and namespace, and (by default) database keycloak (asks first)',
    params: [
      { name: 'delete-db', default: 'true', description: 'true to drop database keycloak too' },
    ],
    vars: ['KEYCLOAK_NAMESPACE'],
    run: (ctx, a) => uninstallKeycloak(ctx, a['delete-db'] === 'true'),
  }),
  recipe({
    name: 'delete-database-secret',
    description: 'Delete Secret database-config',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: async (ctx) => deleteObjects(ctx, 'secret', ['database-config'], await namespaceOf(ctx)),
  }),
  recipe({
    name: 'install-operator',
    description:
      'Install the Keycloak operator (CRDs, operator, memory settings) in KEYCLOAK_NAMESPACE',
    vars: ['KEYCLOAK_NAMESPACE', 'KEYCLOAK_OPERATOR_VERSION'],
    run: (ctx) => installOperator(ctx),
  }),
  recipe({
    name: 'uninstall-operator',
    description: 'Uninstall the Keycloak operator and its CRDs (asks first)',
    vars: ['KEYCLOAK_NAMESPACE', 'KEYCLOAK_OPERATOR_VERSION'],
    run: (ctx) => uninstallOperator(ctx),
  }),
  recipe({
    name: 'enable-monitoring',
    description: 'Enable Keycloak metrics and create its ServiceMonitor',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: (ctx) => enableMonitoring(ctx),
  }),
  recipe({
    name: 'disable-monitoring',
    description: 'Remove the ServiceMonitor and the metrics option',
    vars: ['KEYCLOAK_NAMESPACE'],
    run: (ctx) => disableMonitoring(ctx),
  }),
  recipe({
    name: 'put-admin-credentials-to-vault',
    description:
      'Store admin credentials at secret/keycloak/admin (password: KEYCLOAK_USER_PASSWORD or asked, never an argument)',
    params: [
      { name: 'username', description: 'admin user name' },
      { name: 'password', optional: true, description: 'never on the command line' },
    ],
    vars: ['KEYCLOAK_USER_PASSWORD', ...VAULT],
    run: async (ctx, a) =>
      putAdminCredentialsToVault(
        ctx,
        a.username,
        await userPassword(ctx, a.password, 'Admin password'),
      ),
  }),
  recipe({
    name: 'delete-admin-credentials-from-vault',
    description: 'Delete secret/keycloak/admin (latest version)',
    vars: VAULT,
    run: (ctx) => deleteAdminCredentialsFromVault(ctx),
  }),
];

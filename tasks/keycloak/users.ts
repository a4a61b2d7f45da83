import { TaskError, type Ctx } from '../core/index.js';
import { apply, deleteObjects } from '../k8s/index.js';
import { keycloakAdmin } from './admin.js';
import { createGroup, setMembership } from './groups.js';
import { change, findUser, requireAdmin } from './session.js';
import { keycloakVars } from './vars.js';

export interface NewUser {
  realm: string;
  username: string;
  password: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** Creates the user (email verified, enabled) and sets a permanent password. */
export async function createKeycloakUser(ctx: Ctx, u: NewUser): Promise<void> {
  ctx.secrets.add(u.password);
  const kc = await keycloakAdmin(ctx, u.realm);
  if (kc && (await findUser(ctx, kc, u.realm, u.username)))
    throw new TaskError(
      `Keycloak user ${u.username} already exists in realm ${u.realm}`,
      `delete it first with \`npx tasks keycloak:delete-user ${u.username}\``,
    );
  const created = await change(
    ctx,
    kc,
    `create Keycloak user ${u.username} in realm ${u.realm}`,
    (k) =>
      k.users.create({
        username: u.username,
        email: u.email || undefined,
        emailVerified: true,
        firstName: u.firstName || undefined,
        lastName: u.lastName || undefined,
        enabled: true,
      }),
  );
  await change(ctx, kc, `set the password of ${u.username} (permanent)`, (k) =>
    k.users.resetPassword({
      id: created!.result.id,
      credential: { type: 'password', value: u.password, temporary: false },
    }),
  );
  if (created) ctx.log.ok(`user ${u.username} created (id ${created.result.id}), password set`);
}

/** The issuer-qualified user name the API server sees for an OIDC login. */
export async function oidcSubject(ctx: Ctx, username: string): Promise<string> {
  const v = await ctx.config.read(keycloakVars);
  if (!v.KEYCLOAK_HOST)
    throw new TaskError('KEYCLOAK_HOST is required: set it in .env.local or the environment');
  return `https://${v.KEYCLOAK_HOST}/realms/${v.KEYCLOAK_REALM}#${username}`;
}

/** ClusterRoleBinding oidc-<user> to cluster-admin, replaced as upstream does (delete, create). */
export async function bindClusterAdmin(ctx: Ctx, username: string): Promise<void> {
  // Keycloak stores (and puts in tokens) the lower-case name; object names must be lower case.
  const login = username.toLowerCase();
  const name = `oidc-${login}`;
  const user = await oidcSubject(ctx, login);
  await deleteObjects(ctx, 'clusterrolebinding', [name]);
  await apply(ctx, [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'cluster-admin',
      },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    },
  ]);
}

/** create-user / create-system-user after their questions: user, RBAC, optional vault-admins. */
export async function createUser(ctx: Ctx, u: NewUser, vaultAdmin: boolean): Promise<void> {
  await createKeycloakUser(ctx, u);
  await bindClusterAdmin(ctx, u.username);
  if (!vaultAdmin) return;
  ctx.log.step('setting up group vault-admins');
  await createGroup(ctx, u.realm, 'vault-admins', '', 'Vault administrators group');
  // The user may exist only in the plan: planned as one step.
  await ctx.effects.change({ describe: `add user ${u.username} to group vault-admins` }, () =>
    setMembership(ctx, u.realm, u.username, 'vault-admins', true),
  );
}

/** Deletes a user after confirmation; a missing user is fine. */
export async function deleteUser(ctx: Ctx, realm: string, username: string): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const user = kc ? await findUser(ctx, kc, realm, username) : undefined;
  if (kc && !user) {
    ctx.log.warn(`user ${username} not found in realm ${realm}`);
    return;
  }
  if (!(await ctx.effects.confirm(`Delete Keycloak user ${username}?`)))
    throw new TaskError(`user ${username} was not deleted`, 'pass --yes to delete without asking');
  const done = await change(ctx, kc, `delete Keycloak user ${username} in realm ${realm}`, (k) =>
    k.users.del({ id: user!.id }),
  );
  if (done) ctx.log.ok(`user ${username} (id ${user!.id}) deleted from realm ${realm}`);
}

/** Upstream's line, and whether the user exists. */
export async function userExists(
  ctx: Ctx,
  realm: string,
  username: string,
): Promise<{ exists: boolean; line: string }> {
  const kc = await requireAdmin(ctx, realm);
  const user = await findUser(ctx, kc, realm, username);
  return user
    ? { exists: true, line: `User '${username}' exists with ID: ${user.id}` }
    : { exists: false, line: `User '${username}' does not exist.` };
}

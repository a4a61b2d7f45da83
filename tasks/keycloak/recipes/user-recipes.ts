import { recipe } from '../../core/index.js';
import { createGroup, deleteGroup, setMembership } from '../groups.js';
import { createUser, deleteUser, userExists } from '../users.js';
import { WITH_REALM, askArg, opt, realmVar, userPassword } from './shared.js';

const USER_VARS = [...WITH_REALM, 'KEYCLOAK_USER_PASSWORD'];

export const userRecipes = [
  recipe({
    name: 'create-group',
    description: 'Create a group in KEYCLOAK_REALM (optionally under a parent)',
    params: [
      { name: 'group_name', description: 'group name' },
      opt('parent_group', 'parent group name'),
      opt('description', 'stored as attribute description'),
    ],
    vars: WITH_REALM,
    run: async (ctx, a) =>
      createGroup(ctx, await realmVar(ctx), a.group_name, a.parent_group, a.description),
  }),
  recipe({
    name: 'create-user',
    description:
      'Create a user (password from KEYCLOAK_USER_PASSWORD or asked), bind it to cluster-admin, optionally add it to vault-admins',
    params: [
      opt('username', 'asked when empty'),
      opt('password', 'never on the command line: KEYCLOAK_USER_PASSWORD or the prompt'),
      opt('email', 'asked when empty'),
      opt('first_name', 'asked when empty'),
      opt('last_name', 'asked when empty'),
      opt('vault_admin', 'true to add the user to group vault-admins (asked when false)', 'false'),
    ],
    vars: USER_VARS,
    run: async (ctx, a) => {
      const username = await askArg(ctx, a.username, 'username', 'Username');
      const password = await userPassword(ctx, a.password, 'Password');
      const email = await askArg(ctx, a.email, 'email', 'Email');
      const firstName = await askArg(ctx, a.first_name, 'first_name', 'First name');
      const lastName = await askArg(ctx, a.last_name, 'last_name', 'Last name');
      const vaultAdmin =
        a.vault_admin === 'true' ||
        (await ctx.prompt.confirm({
          message: 'Should this user have Vault admin access?',
          nonInteractive: false,
        }));
      const realm = await realmVar(ctx);
      await createUser(ctx, { realm, username, password, email, firstName, lastName }, vaultAdmin);
    },
  }),
  recipe({
    name: 'add-user-to-group',
    description: 'Add a user to a group',
    params: [{ name: 'username' }, { name: 'group_name' }],
    vars: WITH_REALM,
    run: async (ctx, a) => setMembership(ctx, await realmVar(ctx), a.username, a.group_name, true),
  }),
  recipe({
    name: 'remove-user-from-group',
    description: 'Remove a user from a group',
    params: [{ name: 'username' }, { name: 'group_name' }],
    vars: WITH_REALM,
    run: async (ctx, a) => setMembership(ctx, await realmVar(ctx), a.username, a.group_name, false),
  }),
  recipe({
    name: 'delete-group',
    description: 'Delete a group and its subgroups (asks first)',
    params: [{ name: 'group_name' }],
    vars: WITH_REALM,
    run: async (ctx, a) => deleteGroup(ctx, await realmVar(ctx), a.group_name),
  }),
  recipe({
    name: 'delete-user',
    description: 'Delete a user (asks first)',
    params: [opt('username', 'asked when empty')],
    vars: WITH_REALM,
    run: async (ctx, a) =>
      deleteUser(ctx, await realmVar(ctx), await askArg(ctx, a.username, 'username', 'Username')),
  }),
  recipe({
    name: 'create-system-user',
    description: 'Create a user without email or names and bind it to cluster-admin',
    params: [opt('username', 'asked when empty'), opt('password', 'never on the command line')],
    vars: USER_VARS,
    run: async (ctx, a) => {
      const username = await askArg(ctx, a.username, 'username', 'Keycloak username');
      const password = await userPassword(ctx, a.password, 'Keycloak password');
      await createUser(ctx, { realm: await realmVar(ctx), username, password }, false);
    },
  }),
  recipe({
    name: 'user-exists',
    description: 'Say whether a user exists; exit 1 when not',
    params: [opt('username', 'asked when empty')],
    vars: WITH_REALM,
    run: async (ctx, a) => {
      const username = await askArg(ctx, a.username, 'username', 'Username');
      const r = await userExists(ctx, await realmVar(ctx), username);
      ctx.out(r.line);
      return r.exists ? 0 : 1;
    },
  }),
];

import { recipe } from '../../core/index.js';
import {
  addAttributeMapper,
  addMapper,
  audienceMapper,
  checkMapperDetails,
  clientRolesMapper,
  groupsMapper,
} from '../mappers.js';
import {
  createClientRole,
  listUserClientRoles,
  setUserClientRole,
  userTokenInfo,
} from '../roles.js';
import { addScopeToClient, createClientScope, getClientScope } from '../scopes.js';
import { CONNECTION, WITH_REALM, opt, realmVar } from './shared.js';

const realm = { name: 'realm', description: 'realm name' } as const;
const clientId = { name: 'client_id', description: 'client id' } as const;
const scopeName = { name: 'scope_name', description: 'client scope name' } as const;
const username = { name: 'username' } as const;
const roleName = { name: 'role_name', description: 'client role name' } as const;
const csv = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const hasGroupsClaim = (m: { name?: string; config?: Record<string, string> }) =>
  m.name === 'groups' || m.config?.['claim.name'] === 'groups';

const rolesMapperRecipe = (name: string, replace: boolean, description: string) =>
  recipe({
    name,
    description,
    params: [
      clientId,
      opt('claim_name', 'token claim', 'client_roles'),
      opt('mapper_name', "default '<client_id> client roles'"),
    ],
    vars: WITH_REALM,
    run: async (ctx, a) =>
      addMapper(
        ctx,
        await realmVar(ctx),
        { client: a.client_id },
        clientRolesMapper(
          a.mapper_name || `${a.client_id} client roles`,
          a.client_id,
          a.claim_name,
        ),
        { replace },
      ),
  });

export const mapperRecipes = [
  recipe({
    name: 'add-audience-mapper',
    description: 'Add an audience mapper (aud-mapper-<audience>) to a client of KEYCLOAK_REALM',
    params: [clientId, { name: 'audience' }],
    vars: WITH_REALM,
    run: async (ctx, a) =>
      addMapper(ctx, await realmVar(ctx), { client: a.client_id }, audienceMapper(a.audience)),
  }),
  recipe({
    name: 'add-audience-mapper-to-scope',
    description: 'Add an audience mapper to a client scope',
    params: [realm, scopeName, { name: 'audience' }],
    vars: CONNECTION,
    run: (ctx, a) => addMapper(ctx, a.realm, { scope: a.scope_name }, audienceMapper(a.audience)),
  }),
  recipe({
    name: 'add-groups-mapper-to-scope',
    description: 'Add a groups claim mapper to a client scope',
    params: [realm, scopeName],
    vars: CONNECTION,
    run: (ctx, a) =>
      addMapper(ctx, a.realm, { scope: a.scope_name }, groupsMapper(), { present: hasGroupsClaim }),
  }),
  recipe({
    name: 'add-attribute-mapper',
    description: 'Add a user-profile attribute and a client mapper for it (KEYCLOAK_REALM)',
    params: [
      clientId,
      { name: 'attribute_name' },
      opt('display_name', 'default: attribute_name'),
      opt('claim_name', 'default: attribute_name'),
      opt('options', 'comma-separated allowed values'),
      opt('default_value', 'set on every user without the attribute'),
      opt('mapper_name', "default '<display_name> Mapper'"),
      opt('view_perms', 'comma-separated', 'admin,user'),
      opt('edit_perms', 'comma-separated', 'admin'),
    ],
    vars: WITH_REALM,
    run: async (ctx, a) => {
      const displayName = a.display_name || a.attribute_name;
      await addAttributeMapper(ctx, {
        realm: await realmVar(ctx),
        clientId: a.client_id,
        attribute: a.attribute_name,
        displayName,
        claimName: a.claim_name || a.attribute_name,
        options: csv(a.options),
        defaultValue: a.default_value,
        mapperName: a.mapper_name || `${displayName} Mapper`,
        view: csv(a.view_perms),
        edit: csv(a.edit_perms),
      });
    },
  }),
  rolesMapperRecipe(
    'add-client-roles-mapper',
    false,
    "Add a client-roles mapper for the client's own roles",
  ),
  rolesMapperRecipe(
    'update-client-roles-mapper',
    true,
    'Replace the client-roles mapper (delete, add)',
  ),
  recipe({
    name: 'add-groups-mapper',
    description: 'Add a groups claim mapper to a client of KEYCLOAK_REALM',
    params: [clientId],
    vars: WITH_REALM,
    run: async (ctx, a) =>
      addMapper(ctx, await realmVar(ctx), { client: a.client_id }, groupsMapper(), {
        present: hasGroupsClaim,
      }),
  }),
  recipe({
    name: 'create-client-role',
    description: 'Create a client role',
    params: [realm, clientId, roleName],
    vars: CONNECTION,
    run: (ctx, a) => createClientRole(ctx, a.realm, a.client_id, a.role_name),
  }),
  recipe({
    name: 'add-user-to-client-role',
    description: 'Assign a client role to a user',
    params: [realm, username, clientId, roleName],
    vars: CONNECTION,
    run: (ctx, a) => setUserClientRole(ctx, a.realm, a.username, a.client_id, a.role_name, true),
  }),
  recipe({
    name: 'list-user-client-roles',
    description: "List a user's roles of a client",
    params: [realm, username, clientId],
    vars: CONNECTION,
    run: async (ctx, a) =>
      ctx.out(await listUserClientRoles(ctx, a.realm, a.username, a.client_id)),
  }),
  recipe({
    name: 'get-user-token-info',
    description: "Print a client's configuration and mappers and a user's roles of it",
    params: [realm, username, clientId],
    vars: CONNECTION,
    run: async (ctx, a) => ctx.out(await userTokenInfo(ctx, a.realm, a.username, a.client_id)),
  }),
  recipe({
    name: 'check-mapper-details',
    description: "Print a client's protocol mappers and scope assignments",
    params: [realm, clientId],
    vars: CONNECTION,
    run: async (ctx, a) => ctx.out(await checkMapperDetails(ctx, a.realm, a.client_id)),
  }),
  recipe({
    name: 'add-client-roles-to-profile-scope',
    description: "Add a mapper for a client's roles to the profile client scope",
    params: [realm, clientId, opt('claim_name', 'token claim', 'client_roles')],
    vars: CONNECTION,
    run: (ctx, a) =>
      addMapper(
        ctx,
        a.realm,
        { scope: 'profile' },
        clientRolesMapper(`${a.client_id} Client Roles`, a.client_id, a.claim_name),
        { present: (m) => m.config?.['usermodel.clientRoleMapping.clientId'] === a.client_id },
      ),
  }),
  recipe({
    name: 'remove-user-from-client-role',
    description: 'Remove a client role from a user',
    params: [realm, username, clientId, roleName],
    vars: CONNECTION,
    run: (ctx, a) => setUserClientRole(ctx, a.realm, a.username, a.client_id, a.role_name, false),
  }),
  recipe({
    name: 'create-client-scope',
    description: 'Create an openid-connect client scope',
    params: [realm, scopeName, opt('description', "default '<scope_name> scope'")],
    vars: CONNECTION,
    run: (ctx, a) => createClientScope(ctx, a.realm, a.scope_name, a.description),
  }),
  recipe({
    name: 'add-scope-to-client',
    description: 'Add a client scope to a client as a default scope',
    params: [realm, clientId, scopeName],
    vars: CONNECTION,
    run: (ctx, a) => addScopeToClient(ctx, a.realm, a.client_id, a.scope_name),
  }),
  recipe({
    name: 'get-client-scope',
    description: 'Print a client scope with its mappers',
    params: [realm, scopeName],
    vars: CONNECTION,
    run: async (ctx, a) => ctx.out(await getClientScope(ctx, a.realm, a.scope_name)),
  }),
];

import { TaskError, type Ctx, type VarValues } from '../core/index.js';
import { checkKeycloak, keycloakAdmin } from '../keycloak/admin.js';
import { createClient } from '../keycloak/clients.js';
import { findGroup } from '../keycloak/groups.js';
import { addMapper, groupsMapper } from '../keycloak/mappers.js';
import { jupyterhubVars, type JupyterhubVars } from './vars.js';

// settings.ts validates with authProblems: its Settings type is this one, without the cycle.
type Settings = VarValues<JupyterhubVars>;

/** Variables that mean something only with one of the two logins. */
const KEYCLOAK_ONLY = [
  'JUPYTERHUB_OIDC_CLIENT_ID',
  'JUPYTERHUB_OIDC_CLIENT_SESSION_IDLE',
  'JUPYTERHUB_OIDC_CLIENT_SESSION_MAX',
  'JUPYTERHUB_KEYCLOAK_CA_BUNDLE',
] as const;
const NATIVE_ONLY = [
  'JUPYTERHUB_NATIVE_SIGNUP_ENABLED',
  'JUPYTERHUB_NATIVE_ADMIN_APPROVAL',
] as const;

/** What JupyterHub and NativeAuthenticator accept as a user name, and safe to write into YAML. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

/** The claim the groups mapper writes and where GenericOAuthenticator finds it in auth state. */
export const GROUPS_CLAIM = 'groups';
export const GROUPS_KEY = `oauth_user.${GROUPS_CLAIM}`;

export const isNative = (s: Settings): boolean => s.JUPYTERHUB_AUTH === 'native';

export function adminUsers(s: Settings): string[] {
  return s.JUPYTERHUB_ADMIN_USERS.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}

const signupOpen = (s: Settings) => s.JUPYTERHUB_NATIVE_SIGNUP_ENABLED !== false;
const approvalOn = (s: Settings) => s.JUPYTERHUB_NATIVE_ADMIN_APPROVAL !== false;

/** Names of the variables in `names` whose value is not their default (i.e. the operator chose it). */
function changed(s: Settings, names: readonly (keyof Settings)[]): string[] {
  return names.filter((name) => {
    const value = s[name];
    const def = jupyterhubVars[name].default ?? '';
    return value !== undefined && String(value) !== def;
  });
}

/** Login values that are wrong whatever the recipe (loadSettings reports them). */
export function authProblems(s: Settings): string[] {
  const problems: string[] = [];
  const bad = adminUsers(s).filter((u) => !USERNAME.test(u));
  if (bad.length)
    problems.push(
      `JUPYTERHUB_ADMIN_USERS must be comma-separated user names (letters, digits, . _ @ -); not ${bad.map((u) => `"${u}"`).join(', ')}`,
    );
  const group = s.JUPYTERHUB_ADMIN_GROUP.trim();
  if (group && (group.startsWith('/') || group.includes(',')))
    problems.push(
      `JUPYTERHUB_ADMIN_GROUP must be one Keycloak group name, not a path or list (got "${group}")`,
    );
  return problems;
}

/**
 * The login an install would set up, checked before its first call. Combinations that
 * cannot work are refused: an admin group without Keycloak (nobody would ever be admin
 * through it), and admin approval without an admin to approve. Variables of the other
 * login are ignored with a warning, since a switch between the two keeps the rest of
 * .env.local as it was. (Only install: uninstall or get-token must not stop on them.)
 */
export function checkAuthChoice(ctx: Ctx, s: Settings): void {
  const problems: string[] = [];
  const group = s.JUPYTERHUB_ADMIN_GROUP.trim();
  if (isNative(s)) {
    if (group)
      problems.push(
        `JUPYTERHUB_ADMIN_GROUP ("${group}") needs JUPYTERHUB_AUTH=keycloak: NativeAuthenticator has no groups to read it from (name the admins in JUPYTERHUB_ADMIN_USERS instead)`,
      );
    if (signupOpen(s) && approvalOn(s) && !adminUsers(s).length)
      problems.push(
        'JUPYTERHUB_NATIVE_ADMIN_APPROVAL=true needs an admin to approve sign-ups: set JUPYTERHUB_ADMIN_USERS (or JUPYTERHUB_NATIVE_ADMIN_APPROVAL=false)',
      );
  }
  if (problems.length)
    throw new TaskError(problems.join('\n'), 'fix it in .env.local or the environment');
  const ignored = changed(s, isNative(s) ? KEYCLOAK_ONLY : NATIVE_ONLY);
  if (ignored.length)
    ctx.log.warn(
      `JUPYTERHUB_AUTH=${s.JUPYTERHUB_AUTH}: ${ignored.join(', ')} only apply to ${isNative(s) ? 'Keycloak' : 'native'} login and are ignored`,
    );
  if (isNative(s) && signupOpen(s) && !approvalOn(s))
    ctx.log.warn(
      'JUPYTERHUB_AUTH=native with open sign-up and JUPYTERHUB_NATIVE_ADMIN_APPROVAL=false: anyone who reaches the hub can create an account and start a server',
    );
}

/**
 * Before the first change: with Keycloak login, Keycloak and the realm answer, and a
 * missing admin group is named (a warning: the operator may create it after install).
 * Native login needs no Keycloak, and nothing here calls it.
 */
export async function checkLogin(ctx: Ctx, s: Settings): Promise<void> {
  if (isNative(s)) return;
  await checkKeycloak(ctx, s.KEYCLOAK_REALM);
  const group = s.JUPYTERHUB_ADMIN_GROUP.trim();
  if (!group) return;
  const kc = await keycloakAdmin(ctx, s.KEYCLOAK_REALM);
  if (kc && !(await findGroup(ctx, kc, group)))
    ctx.log.warn(
      `Keycloak realm ${s.KEYCLOAK_REALM} has no group ${group} yet: no user is a hub admin through it until it exists and has members`,
    );
}

/**
 * The Keycloak side of login: the hub's client and, with an admin group, a groups mapper
 * on it (added once; a mapper that already writes the groups claim is kept).
 */
export async function setupLogin(ctx: Ctx, s: Settings, host: string): Promise<void> {
  if (isNative(s)) {
    ctx.log.info('  Login: NativeAuthenticator (no Keycloak client)');
    return;
  }
  await createClient(ctx, {
    realm: s.KEYCLOAK_REALM,
    clientId: s.JUPYTERHUB_OIDC_CLIENT_ID,
    redirectUrl: `https://${host}/hub/oauth_callback`,
    clientSecret: '',
    clientSessionIdle: String(s.JUPYTERHUB_OIDC_CLIENT_SESSION_IDLE),
    clientSessionMax: String(s.JUPYTERHUB_OIDC_CLIENT_SESSION_MAX),
  });
  if (s.JUPYTERHUB_ADMIN_GROUP.trim())
    await addMapper(
      ctx,
      s.KEYCLOAK_REALM,
      { client: s.JUPYTERHUB_OIDC_CLIENT_ID },
      groupsMapper(),
      { present: (m) => m.name === 'groups' || m.config?.['claim.name'] === GROUPS_CLAIM },
    );
}

/** `.Env` entries the values template reads for login. */
export function authTemplateEnv(s: Settings): Record<string, string> {
  const users = adminUsers(s);
  return {
    JUPYTERHUB_AUTH: s.JUPYTERHUB_AUTH,
    JUPYTERHUB_ADMIN_GROUP: isNative(s) ? '' : s.JUPYTERHUB_ADMIN_GROUP.trim(),
    // A YAML flow sequence; the names are checked against USERNAME, so no quoting issue.
    ADMIN_USERS_YAML: users.length ? JSON.stringify(users) : '',
    GROUPS_KEY,
    NATIVE_SIGNUP: String(signupOpen(s)),
    NATIVE_OPEN_SIGNUP: String(!approvalOn(s)),
    // No authenticator reads the Keycloak CA under native login: not mounted.
    ...(isNative(s) && { KEYCLOAK_CA_PEM: '' }),
  };
}

/** One line for install's summary. */
export function loginSummary(s: Settings): string {
  const admins = adminUsers(s);
  const adminText = [
    ...(admins.length ? [`admins ${admins.join(', ')}`] : []),
    ...(!isNative(s) && s.JUPYTERHUB_ADMIN_GROUP.trim()
      ? [`admin group ${s.JUPYTERHUB_ADMIN_GROUP.trim()}`]
      : []),
  ];
  const base = isNative(s)
    ? `NativeAuthenticator (sign-up ${signupOpen(s) ? 'open' : 'closed'}${signupOpen(s) ? `, admin approval ${approvalOn(s) ? 'on' : 'off'}` : ''})`
    : `Keycloak realm ${s.KEYCLOAK_REALM}, client ${s.JUPYTERHUB_OIDC_CLIENT_ID}`;
  return adminText.length ? `${base}; ${adminText.join('; ')}` : base;
}

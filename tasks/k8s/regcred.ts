import { TaskError, type Ctx } from '../core/index.js';
import { getObject, readSecret } from './kubectl.js';
import { k8sVars } from './vars.js';
import { apply, deleteObjects } from './kubectl-changes.js';

export const REGCRED = 'regcred';

export interface RegistryLogin {
  server: string;
  username: string;
  password: string;
  email: string;
}

/** What `kubectl create secret docker-registry` stores, built here so the password never is an argument. */
export function dockerConfigSecret(namespace: string, l: RegistryLogin) {
  const auth = Buffer.from(`${l.username}:${l.password}`).toString('base64');
  const config = JSON.stringify({
    auths: { [l.server]: { username: l.username, password: l.password, email: l.email, auth } },
  });
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: REGCRED, namespace },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': Buffer.from(config).toString('base64') },
  };
}

const QUESTIONS: Array<[keyof RegistryLogin, string, string, boolean]> = [
  [
    'server',
    'CONTAINER_REGISTRY_SERVER',
    'Container registry server (e.g. index.docker.io/v1, ghcr.io)',
    false,
  ],
  ['username', 'CONTAINER_REGISTRY_USERNAME', 'Container registry username', false],
  ['password', 'CONTAINER_REGISTRY_PASSWORD', 'Container registry password or token', true],
  ['email', 'CONTAINER_REGISTRY_EMAIL', 'Container registry email', false],
];

/** The four CONTAINER_REGISTRY_* values, asked when empty (the password hidden). */
export async function registryLogin(ctx: Ctx): Promise<RegistryLogin> {
  const out = {} as RegistryLogin;
  for (const [field, variable, message, secret] of QUESTIONS) {
    const value = await ctx.config.text(variable, k8sVars[variable as keyof typeof k8sVars]);
    out[field] =
      value ||
      (secret
        ? await ctx.prompt.password({ variable, message })
        : await ctx.prompt.input({ variable, message }));
  }
  ctx.secrets.add(out.password);
  return out;
}

/** create-regcred: like `kubectl create` it refuses to replace an existing Secret. */
export async function createRegcred(
  ctx: Ctx,
  namespace: string,
  login?: RegistryLogin,
): Promise<void> {
  const l = login ?? (await registryLogin(ctx));
  if (await getObject(ctx, 'secret', REGCRED, namespace, { secret: true }))
    throw new TaskError(
      `Secret ${REGCRED} already exists in ${namespace}`,
      `delete it first: npx tasks k8s:delete-regcred ${namespace}`,
    );
  const secret = dockerConfigSecret(namespace, l);
  ctx.secrets.add(secret.data['.dockerconfigjson']);
  await apply(ctx, [secret], `image pull Secret ${REGCRED} in ${namespace}`);
}

export async function deleteRegcred(ctx: Ctx, namespace: string): Promise<void> {
  await deleteObjects(ctx, 'secret', [REGCRED], namespace);
}

/** copy-regcred: the default namespace's regcred (created first when missing) into `namespace`. */
export async function copyRegcred(ctx: Ctx, namespace: string): Promise<void> {
  if (!(await getObject(ctx, 'secret', REGCRED, 'default', { secret: true })))
    await createRegcred(ctx, 'default');
  const data = await readSecret(ctx, REGCRED, 'default');
  if (await getObject(ctx, 'secret', REGCRED, namespace, { secret: true }))
    await deleteObjects(ctx, 'secret', [REGCRED], namespace);
  const config = data?.['.dockerconfigjson'];
  // Planned, the default namespace's regcred may only be created by the plan itself.
  const source =
    config ??
    (await ctx.effects.made(
      () => {
        throw new TaskError(`Secret ${REGCRED} in default has no .dockerconfigjson`);
      },
      ctx.secrets.add('(the default regcred)', 'REGCRED_DOCKERCONFIGJSON'),
    ));
  const encoded = ctx.secrets.add(Buffer.from(source).toString('base64'));
  await apply(ctx, [
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: REGCRED, namespace },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': encoded },
    },
  ]);
}

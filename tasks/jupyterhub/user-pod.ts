import { TaskError, type Ctx } from '../core/index.js';
import { listObjects, type K8sObject } from '../k8s/kubectl.js';
import { validateUsername } from './hub-api.js';
import { loadSettings } from './settings.js';

const SERVERS = 'app=jupyterhub,component=singleuser-server';
const USERNAME_KEY = 'hub.jupyter.org/username';
// A Kubernetes label value; names with @ or + are not, and KubeSpawner escapes them in the label.
const LABEL_VALUE = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The user's single-user server pod, or undefined: selected by the username label
 * when the name can be one, else among all server pods by KubeSpawner's
 * (unescaped) username annotation.
 */
export async function findUserPod(
  ctx: Ctx,
  namespace: string,
  username: string,
): Promise<K8sObject | undefined> {
  const name = validateUsername(username);
  if (LABEL_VALUE.test(name))
    return (await listObjects(ctx, 'pods', namespace, `${SERVERS},${USERNAME_KEY}=${name}`))[0];
  const pods = await listObjects(ctx, 'pods', namespace, SERVERS);
  return pods.find(
    (p) =>
      p.metadata.annotations?.[USERNAME_KEY] === name || p.metadata.labels?.[USERNAME_KEY] === name,
  );
}

export async function runningUserPod(
  ctx: Ctx,
  namespace: string,
  username: string,
  hubUrl: string,
): Promise<string> {
  const pod = await findUserPod(ctx, namespace, username);
  if (!pod)
    throw new TaskError(
      `no server pod for user ${username} in ${namespace}`,
      `start a server at ${hubUrl}`,
    );
  const phase = pod.status?.phase ?? 'Unknown';
  if (phase !== 'Running')
    throw new TaskError(
      `the server pod of ${username} (${pod.metadata.name}) is ${phase}, not Running`,
      `wait for it, or restart it at ${hubUrl}`,
    );
  return pod.metadata.name;
}

/** JUPYTERHUB_API_TOKEN from inside the user's running pod. */
export async function getApiToken(ctx: Ctx, username: string): Promise<string> {
  const s = await loadSettings(ctx);
  const ns = s.JUPYTERHUB_NAMESPACE;
  const pod = await runningUserPod(
    ctx,
    ns,
    username,
    `https://${s.JUPYTERHUB_HOST || '<JUPYTERHUB_HOST>'}/hub/home`,
  );
  const r = await ctx.exec.query(
    'kubectl',
    ['exec', '-n', ns, pod, '--', 'printenv', 'JUPYTERHUB_API_TOKEN'],
    {
      allowFailure: true,
      secretOutput: true,
    },
  );
  const token = r.stdout.trim();
  if (r.status !== 0 || !token)
    throw new TaskError(
      `no JUPYTERHUB_API_TOKEN in pod ${pod}`,
      'is it a JupyterHub single-user server?',
    );
  return ctx.secrets.add(token);
}

/**
 * Is the MCP server answering inside the pod? The request authenticates with
 * the pod's own token, expanded by the pod's shell, so it never crosses argv.
 */
export async function mcpStatus(ctx: Ctx, username: string): Promise<number> {
  const s = await loadSettings(ctx);
  const ns = s.JUPYTERHUB_NAMESPACE;
  const hubUrl = `https://${s.JUPYTERHUB_HOST || '<JUPYTERHUB_HOST>'}/hub/home`;
  const pod = await findUserPod(ctx, ns, validateUsername(username));
  if (!pod || pod.status?.phase !== 'Running') {
    ctx.log.fail(
      `no running server for ${username}${pod ? ` (pod ${pod.metadata.name} is ${pod.status?.phase})` : ''}`,
    );
    ctx.log.info(`  start one at ${hubUrl}`);
    return 1;
  }
  const name = pod.metadata.name;
  ctx.log.ok(`pod ${name} is Running`);
  const ext = await ctx.exec.query(
    'kubectl',
    ['exec', '-n', ns, name, '--', 'jupyter', 'server', 'extension', 'list'],
    { allowFailure: true },
  );
  const line = `${ext.stdout}\n${ext.stderr}`
    .split('\n')
    .find((l) => l.includes('jupyter_mcp_server'));
  if (line) ctx.log.ok(`extension: ${line.trim()}`);
  else ctx.log.warn('jupyter_mcp_server is not in the server extension list');
  const probe =
    'curl -s -o /dev/null -w "%{http_code}" -H "Authorization: token $JUPYTERHUB_API_TOKEN" http://localhost:8888/mcp';
  const r = await ctx.exec.query('kubectl', ['exec', '-n', ns, name, '--', 'sh', '-c', probe], {
    allowFailure: true,
  });
  const code = r.stdout.trim();
  if (code === '200' || code === '405') ctx.log.ok(`MCP endpoint responds (HTTP ${code})`);
  else
    ctx.log.warn(
      `MCP endpoint answered ${code || 'nothing'}${r.status ? ` (exec exit ${r.status})` : ''}`,
    );
  return 0;
}

// A minimal client of the Kubernetes API for the stack's own controllers: the current
// context of a kubeconfig (client certificate or token; file paths or inline data), JSON
// requests with a bounded timeout each. Not used by the tasks (they run kubectl).
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { httpsJson } from './https-json.js';

function material(entry, key, base) {
  if (entry?.[`${key}-data`]) return Buffer.from(entry[`${key}-data`], 'base64');
  const file = entry?.[key];
  if (!file) return undefined;
  return readFileSync(isAbsolute(file) ? file : join(base, file));
}

/** Reads the kubeconfig's current context: { server, ca, cert, key, token }. */
export function loadKubeconfig(path) {
  const cfg = parse(readFileSync(path, 'utf8'));
  const ctxName = cfg['current-context'];
  const ctx = cfg.contexts.find((c) => c.name === ctxName)?.context;
  if (!ctx) throw new Error(`${path}: no current context`);
  const cluster = cfg.clusters.find((c) => c.name === ctx.cluster)?.cluster;
  const user = cfg.users.find((u) => u.name === ctx.user)?.user ?? {};
  const base = dirname(path);
  return {
    server: cluster.server.replace(/\/+$/, ''),
    ca: material(cluster, 'certificate-authority', base),
    cert: material(user, 'client-certificate', base),
    key: material(user, 'client-key', base),
    token: user.token,
  };
}

export class ApiError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path}: ${status} ${body?.message ?? ''}`.trim());
    this.status = status;
    this.body = body;
  }
}

/** kube(method, path, body?, { contentType }) → parsed JSON; throws ApiError on status ≥ 400. */
export function kubeClient(kubeconfigPath, { timeoutMs = 10_000 } = {}) {
  const c = loadKubeconfig(kubeconfigPath);
  return async function kube(method, path, body, { contentType = 'application/json' } = {}) {
    const r = await httpsJson(`${c.server}${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(c.token && { Authorization: `Bearer ${c.token}` }),
      },
      body,
      contentType,
      ca: c.ca,
      cert: c.cert,
      key: c.key,
      timeoutMs,
    });
    if (r.status >= 400) throw new ApiError(method, path, r.status, r.json);
    return r.json;
  };
}

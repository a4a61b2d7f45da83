// A minimal client of the Kubernetes API for the stack's own controllers: the current
// context of a kubeconfig (client certificate or token; file paths or inline data), JSON
// requests with a bounded timeout each. Not used by the tasks (they run kubectl).
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';

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
  const url = new URL(c.server);
  return function kube(method, path, body, { contentType = 'application/json' } = {}) {
    const payload =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port || 443,
          method,
          path,
          ca: c.ca,
          cert: c.cert,
          key: c.key,
          headers: {
            Accept: 'application/json',
            ...(c.token && { Authorization: `Bearer ${c.token}` }),
            ...(payload !== undefined && {
              'Content-Type': contentType,
              'Content-Length': Buffer.byteLength(payload),
            }),
          },
          timeout: timeoutMs,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d) => (text += d));
          res.on('end', () => {
            let json;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = { message: text.slice(0, 200) };
            }
            if (res.statusCode >= 400) reject(new ApiError(method, path, res.statusCode, json));
            else resolve(json);
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)),
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  };
}

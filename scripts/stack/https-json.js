// One bounded HTTPS JSON request that trusts a given CA (the stack's), for the stack's
// scripts: fetch() cannot be given a CA per call, and NODE_EXTRA_CA_CERTS is read only
// when a process starts.
import { request } from 'node:https';

/** → { status, json }; rejects only when there is no answer (network, timeout). */
export function httpsJson(
  url,
  { method = 'GET', headers = {}, body, ca, timeoutMs = 10_000 } = {},
) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca,
        headers: {
          ...headers,
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
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
            json = { text: text.slice(0, 500) };
          }
          resolve({ status: res.statusCode, json });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

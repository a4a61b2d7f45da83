// One bounded HTTPS JSON request that trusts a given CA (the stack's), for the stack's
// scripts: fetch() cannot be given a CA per call, and NODE_EXTRA_CA_CERTS is read only
// when a process starts.
import { request } from 'node:https';

/**
 * → { status, json }; rejects only when there is no answer (network, timeout). `body` is
 * sent as JSON (a string as it is, with `contentType`); `cert`/`key` for client TLS.
 */
export function httpsJson(
  url,
  {
    method = 'GET',
    headers = {},
    body,
    contentType = 'application/json',
    ca,
    cert,
    key,
    timeoutMs = 10_000,
  } = {},
) {
  const payload =
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca,
        cert,
        key,
        headers: {
          ...headers,
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
            json = { message: text.slice(0, 500) };
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

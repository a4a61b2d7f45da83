import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';

export interface DelayProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP forwarder that holds every request `delayMs` before passing it on: a remote
 * Vault or Keycloak one network round-trip away, for the install benchmark.
 */
export async function startDelayProxy(
  target: string,
  delayMs: number,
  tls?: { key: string; cert: string },
): Promise<DelayProxy> {
  const to = new URL(target);
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const out = request(
          {
            host: to.hostname,
            port: to.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: to.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', (err) => {
          res.writeHead(502);
          res.end(String(err));
        });
        out.end(Buffer.concat(chunks));
      }, delayMs);
    });
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

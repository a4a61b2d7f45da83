import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { createServer } from 'node:tls';

export interface TlsProxy {
  /** https://127.0.0.1:PORT */
  url: string;
  /** the self-signed certificate (PEM), usable as VAULT_CACERT */
  certFile: string;
  close(): Promise<void>;
}

/**
 * An HTTPS front for a plain-HTTP test server: TLS is terminated here with a
 * self-signed certificate for 127.0.0.1 made by openssl, and the bytes are
 * piped to `target` (so Vault's LIST front still sees raw requests).
 */
export async function startTlsProxy(target: string, dir: string): Promise<TlsProxy> {
  const keyFile = join(dir, 'tls-key.pem');
  const certFile = join(dir, 'tls-cert.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
  } catch (err) {
    throw new Error(
      `openssl could not make a test certificate (install it: apt-get install -y openssl): ${(err as Error).message}`,
    );
  }
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer(
    { key: readFileSync(keyFile), cert: readFileSync(certFile) },
    (tls) => {
      const upstream = connect(Number(port), hostname);
      for (const s of [tls, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      tls.pipe(upstream).pipe(tls);
    },
  );
  // A client that rejects the certificate aborts the handshake: not our error.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    certFile,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

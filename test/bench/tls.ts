import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SelfSigned {
  key: string;
  cert: string;
  /** the certificate's PEM file, for VAULT_CACERT / NODE_EXTRA_CA_CERTS */
  file: string;
}

/** A one-day certificate for 127.0.0.1 (openssl), for the benchmark's HTTPS delay proxies. */
export function selfSignedCert(dir: string): SelfSigned {
  const key = join(dir, 'tls.key');
  const file = join(dir, 'tls.crt');
  const r = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    file,
  ]);
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(file, 'utf8'), file };
}

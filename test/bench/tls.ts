import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { selfSign } from '../support/self-signed.js';

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
  selfSign({
    subject: '/CN=127.0.0.1',
    keyFile: key,
    certFile: file,
    ext: ['subjectAltName=IP:127.0.0.1'],
  });
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(file, 'utf8'), file };
}

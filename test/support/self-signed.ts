import { execFileSync } from 'node:child_process';

/**
 * A one-day self-signed certificate and its key (openssl), for test servers and for a CA
 * that is not the stack's. Extra `-addext` values name what it is for (an IP SAN).
 */
export function selfSign(o: {
  subject: string;
  keyFile: string;
  certFile: string;
  ext?: string[];
}): void {
  const ext = (o.ext ?? []).flatMap((e) => ['-addext', e]);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      o.subject,
      ...ext,
      '-keyout',
      o.keyFile,
      '-out',
      o.certFile,
    ],
    { stdio: 'pipe' },
  );
}

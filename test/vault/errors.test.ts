import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertOneLineError } from '../support/assert-error.js';
import { closedPort } from '../support/ports.js';
import { startScenario, type Scenario } from '../support/scenario.js';
import { startTlsProxy, type TlsProxy } from './tls-proxy.js';

// Each failure class Vault can produce becomes one clear line, exit 1, no stack, no token.
const test = suite('vault errors: 403, 404, sealed, unreachable, TLS');
let sc: Scenario;
let tls: TlsProxy;
let root: Record<string, string>;
test.before(async () => {
  sc = await startScenario();
  tls = await startTlsProxy(sc.vault.url, sc.dir);
  root = { VAULT_TOKEN: sc.vault.rootToken };
  sc.vault.kvWrite('app/tls', { k: 'over-tls' });
});
test.after(async () => {
  await tls.close();
  await sc.close();
});

const noToken = (text: string, ...tokens: string[]) => {
  for (const t of [sc.vault.rootToken, ...tokens])
    assert.not.ok(text.includes(t), 'a token was printed');
};

test('403: a token without a policy for the path, and an unknown token', async () => {
  sc.vault.setPolicy('reader', 'path "secret/data/app/*" {\n  capabilities = ["read"]\n}\n');
  const reader = sc.vault.createToken({ policies: ['reader'] });
  const [denied, bogus] = await Promise.all([
    sc.run(['vault:put', 'app/x', 'k=never-written'], { VAULT_TOKEN: reader }),
    sc.run(['vault:get', 'app/tls', 'k'], { VAULT_TOKEN: 'hvs.NotARealTokenAtAll12345' }),
  ]);
  const line = assertOneLineError(
    denied,
    /^✗ Vault denied write secret\/app\/x \(fields: k\) \(403: permission denied\)$/,
  );
  assert.match(denied.stderr, 'lacks a policy for this path');
  assert.not.ok(line.includes('never-written'));
  assertOneLineError(
    bogus,
    '✗ Vault denied read secret/app/tls (403: permission denied; invalid token)',
  );
  noToken(denied.stderr + bogus.stderr, reader, 'hvs.NotARealTokenAtAll12345');
  assert.is(sc.vault.kvRead('app/x'), undefined);
});

test('404: a path no Vault engine serves', async () => {
  const r = await sc.run(['vault:write', 'nosuch/engine/path', 'k=v'], root);
  assertOneLineError(
    r,
    '✗ Vault could not write nosuch/engine/path (fields: k): not found (404: no handler for route "nosuch/engine/path". route entry not found.)',
  );
  noToken(r.stderr);
});

test('503: a sealed Vault', async () => {
  sc.vault.seal(true);
  try {
    const [get, put] = await Promise.all([
      sc.run(['vault:get', 'app/tls', 'k'], root),
      sc.run(['vault:put', 'app/tls', 'k=v'], root),
    ]);
    for (const r of [get, put])
      assertOneLineError(r, `✗ Vault at ${sc.vault.url} is sealed (503: Vault is sealed)`);
    assert.match(get.stderr, /^ {2}unseal it, then run again$/m);
    noToken(get.stderr + put.stderr);
  } finally {
    sc.vault.seal(false);
  }
  assert.equal(sc.vault.kvRead('app/tls'), { k: 'over-tls' });
});

test('unreachable: nothing listens at VAULT_ADDR', async () => {
  const addr = `http://127.0.0.1:${await closedPort()}`;
  const r = await sc.run(['vault:exist', 'app/tls'], { ...root, VAULT_ADDR: addr });
  assertOneLineError(r, `✗ cannot reach Vault at ${addr} (ECONNREFUSED)`);
  assert.match(r.stderr, 'check VAULT_HOST/VAULT_ADDR');
});

test('TLS: a self-signed certificate is refused with a hint naming VAULT_CACERT', async () => {
  const r = await sc.run(['vault:get', 'app/tls', 'k'], { ...root, VAULT_ADDR: tls.url });
  assertOneLineError(
    r,
    new RegExp(
      `^✗ TLS error talking to Vault at ${tls.url.replace(/\./g, '\\.')} \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\\)$`,
    ),
  );
  assert.match(r.stderr, 'set VAULT_CACERT to the CA file, or VAULT_SKIP_VERIFY=true');
  noToken(r.stderr);
});

test('TLS: VAULT_CACERT trusts the certificate; VAULT_SKIP_VERIFY=true skips verification', async () => {
  const [ca, skip, skipFalse] = await Promise.all([
    sc.run(['vault:get', 'app/tls', 'k'], {
      ...root,
      VAULT_ADDR: tls.url,
      VAULT_CACERT: tls.certFile,
    }),
    sc.run(['vault:get', 'app/tls', 'k'], {
      ...root,
      VAULT_ADDR: tls.url,
      VAULT_SKIP_VERIFY: 'true',
    }),
    sc.run(['vault:get', 'app/tls', 'k'], {
      ...root,
      VAULT_ADDR: tls.url,
      VAULT_SKIP_VERIFY: 'false',
    }),
  ]);
  assert.equal([ca.code, ca.stdout, ca.stderr], [0, 'over-tls\n', '']);
  assert.equal([skip.code, skip.stdout, skip.stderr], [0, 'over-tls\n', '']);
  assertOneLineError(skipFalse, 'TLS error talking to Vault');
  // A write goes through the same agent.
  const put = await sc.run(['vault:put', 'app/tls-put', 'k=via-tls'], {
    ...root,
    VAULT_ADDR: tls.url,
    VAULT_CACERT: tls.certFile,
  });
  assert.is(put.code, 0, put.stderr);
  assert.equal(sc.vault.kvRead('app/tls-put'), { k: 'via-tls' });
});

test('TLS: an unreadable VAULT_CACERT is one line naming it', async () => {
  const r = await sc.run(['vault:get', 'app/tls', 'k'], {
    ...root,
    VAULT_ADDR: tls.url,
    VAULT_CACERT: 'missing-ca.pem',
  });
  assertOneLineError(r, `✗ cannot read VAULT_CACERT ${sc.dir}/missing-ca.pem (ENOENT)`);
});

test.run();

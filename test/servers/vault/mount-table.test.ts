import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from './index.js';
import { call, tokenWith } from './test-helpers.js';

// sys/mounts and sys/auth (enable/disable, path conflicts, sudo), KV v2 at a new path, the
// kubernetes auth config, the oidc/jwt auth methods' config and roles, sys/init and sys/unseal.
const test = suite<{ s: VaultTestServer }>(
  'vault test server: mount table, auth methods, init',
  {} as {
    s: VaultTestServer;
  },
);
test.before.each(async (ctx) => {
  ctx.s = await startVaultServer({ secretMount: false, kubernetesAuth: false });
});
test.after.each(({ s }) => s.close());

test('secrets engines: KV v2 enabled at a path serves data; a used path is 400; bare KV v1 is not modelled', async ({
  s,
}) => {
  assert.is((await call(s, 'GET', 'secret/data/x')).status, 404);
  assert.is(
    (await call(s, 'POST', 'sys/mounts/kv2', { body: { type: 'kv', options: { version: '2' } } }))
      .status,
    204,
  );
  assert.is((await call(s, 'POST', 'kv2/data/a', { body: { data: { k: 'v' } } })).status, 200);
  assert.equal((await call(s, 'GET', 'kv2/data/a')).body.data.data, { k: 'v' });
  const again = await call(s, 'POST', 'sys/mounts/kv2', { body: { type: 'kv-v2' } });
  assert.equal([again.status, again.body.errors], [400, ['path is already in use at kv2/']]);
  assert.is((await call(s, 'POST', 'sys/mounts/x', { body: { type: 'nope' } })).status, 400);
  const list = await call(s, 'GET', 'sys/mounts');
  assert.equal(list.body.data['kv2/'].options, { version: '2' });
  assert.is((await call(s, 'DELETE', 'sys/mounts/kv2')).status, 204);
  assert.is((await call(s, 'GET', 'kv2/data/a')).status, 404);
});

test('auth methods: enable needs sudo on sys/auth/*, a used path is 400, token/ cannot go', async ({
  s,
}) => {
  const noSudo = await tokenWith(s, {
    p: 'path "sys/auth/*" { capabilities = ["create", "update"] }',
  });
  assert.is(
    (await call(s, 'POST', 'sys/auth/oidc', { token: noSudo, body: { type: 'oidc' } })).status,
    403,
  );
  const sudo = await tokenWith(s, {
    q: 'path "sys/auth/*" { capabilities = ["create", "update", "sudo"] }',
  });
  assert.is(
    (await call(s, 'POST', 'sys/auth/oidc', { token: sudo, body: { type: 'oidc' } })).status,
    204,
  );
  assert.is((await call(s, 'POST', 'sys/auth/oidc', { body: { type: 'oidc' } })).status, 400);
  assert.is((await call(s, 'POST', 'sys/auth/x', { body: { type: 'ldap' } })).status, 400);
  assert.equal(Object.keys((await call(s, 'GET', 'sys/auth')).body.data).sort(), [
    'oidc/',
    'token/',
  ]);
  assert.is((await call(s, 'DELETE', 'sys/auth/token')).status, 400);
  assert.is((await call(s, 'DELETE', 'sys/auth/oidc')).status, 204);
  assert.is((await call(s, 'GET', 'auth/oidc/config')).status, 404);
});

test('kubernetes auth config: host required, PEM checked, the reviewer JWT never read back', async ({
  s,
}) => {
  await call(s, 'POST', 'sys/auth/kubernetes', { body: { type: 'kubernetes' } });
  assert.is(
    (await call(s, 'POST', 'auth/kubernetes/config', { body: { token_reviewer_jwt: 'j' } })).status,
    400,
  );
  assert.is(
    (
      await call(s, 'POST', 'auth/kubernetes/config', {
        body: { kubernetes_host: 'https://k', kubernetes_ca_cert: 'nope' },
      })
    ).status,
    400,
  );
  assert.is(
    (await call(s, 'POST', 'auth/kubernetes/config', { body: { kubernetes_host: 'https://k' } }))
      .status,
    400,
    'no CA and not in a pod (as OpenBao answers)',
  );
  const ok = await call(s, 'POST', 'auth/kubernetes/config', {
    body: {
      kubernetes_host: 'https://k',
      kubernetes_ca_cert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      token_reviewer_jwt: 'jwt-x',
      bogus: 1,
    },
  });
  assert.equal(
    [ok.status, ok.body.warnings],
    [200, ['Endpoint ignored these unrecognized parameters: [bogus]']],
  );
  const read = await call(s, 'GET', 'auth/kubernetes/config');
  assert.equal(
    [
      read.body.data.kubernetes_host,
      read.body.data.token_reviewer_jwt_set,
      'token_reviewer_jwt' in read.body.data,
    ],
    ['https://k', true, false],
  );
});

test('oidc/jwt: config needs exactly one key source; roles need a user claim, redirect URIs (oidc) or a bound (jwt)', async ({
  s,
}) => {
  await call(s, 'POST', 'sys/auth/oidc', { body: { type: 'oidc' } });
  await call(s, 'POST', 'sys/auth/jwt', { body: { type: 'jwt' } });
  assert.is(
    (await call(s, 'POST', 'auth/oidc/config', { body: { oidc_client_id: 'v' } })).status,
    400,
  );
  assert.is(
    (
      await call(s, 'POST', 'auth/oidc/config', {
        body: { oidc_discovery_url: 'https://kc/realms/r', oidc_client_id: 'v' },
      })
    ).status,
    400,
    'an id without a secret',
  );
  assert.is(
    (
      await call(s, 'POST', 'auth/oidc/config', {
        body: {
          oidc_discovery_url: 'https://kc/realms/r',
          oidc_client_id: 'v',
          oidc_client_secret: 's',
        },
      })
    ).status,
    204,
  );
  assert.not.ok('oidc_client_secret' in (await call(s, 'GET', 'auth/oidc/config')).body.data);
  assert.is(
    (await call(s, 'POST', 'auth/oidc/role/r', { body: { user_claim: 'sub' } })).status,
    400,
  );
  assert.is(
    (await call(s, 'POST', 'auth/oidc/role/r', { body: { allowed_redirect_uris: 'https://x/cb' } }))
      .status,
    400,
  );
  const legacy = await call(s, 'POST', 'auth/oidc/role/r', {
    body: {
      user_claim: 'sub',
      allowed_redirect_uris: ['https://x/cb'],
      'bound_claims/groups': 'admins',
    },
  });
  assert.equal(legacy.body.warnings, [
    'Endpoint ignored these unrecognized parameters: [bound_claims/groups]',
  ]);
  assert.is((await call(s, 'GET', 'auth/oidc/role/r')).body.data.bound_claims, null);
  assert.is(
    (await call(s, 'POST', 'auth/jwt/role/j', { body: { role_type: 'jwt', user_claim: 'sub' } }))
      .status,
    400,
  );
  assert.is(
    (
      await call(s, 'POST', 'auth/jwt/role/j', {
        body: {
          role_type: 'jwt',
          user_claim: 'sub',
          bound_audiences: 'a,b',
          ttl: '1h',
          max_ttl: '48h',
        },
      })
    ).status,
    204,
  );
  const j = (await call(s, 'GET', 'auth/jwt/role/j')).body.data;
  assert.equal([j.bound_audiences, j.token_ttl, j.token_max_ttl], [['a', 'b'], 3600, 172800]);
});

test('sys/init once, sys/unseal with the one key share; sealed answers 503 until then', async () => {
  const s = await startVaultServer({ uninitialized: true });
  try {
    assert.equal(
      (await call(s, 'GET', 'sys/seal-status', { token: null })).body.initialized,
      false,
    );
    assert.is((await call(s, 'GET', 'secret/data/x')).status, 503);
    const bad = await call(s, 'PUT', 'sys/init', {
      token: null,
      body: { secret_shares: 5, secret_threshold: 3 },
    });
    assert.is(bad.status, 400);
    const init = await call(s, 'PUT', 'sys/init', {
      token: null,
      body: { secret_shares: 1, secret_threshold: 1 },
    });
    assert.equal(
      [init.status, init.body.root_token, init.body.keys_base64],
      [200, s.rootToken, [s.unsealKey]],
    );
    assert.is(
      (
        await call(s, 'PUT', 'sys/init', {
          token: null,
          body: { secret_shares: 1, secret_threshold: 1 },
        })
      ).status,
      400,
    );
    assert.is(
      (await call(s, 'PUT', 'sys/unseal', { token: null, body: { key: 'd3Jvbmc=' } })).status,
      400,
    );
    const ok = await call(s, 'PUT', 'sys/unseal', { token: null, body: { key: s.unsealKey } });
    assert.equal([ok.status, ok.body.sealed], [200, false]);
    assert.is((await call(s, 'GET', 'secret/data/x')).status, 404);
  } finally {
    await s.close();
  }
});

test.run();

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startVaultServer, type VaultTestServer } from '../servers/vault/index.js';
import { withObject } from '../fakes/index.js';
import { assertOneLineError } from '../support/assert-error.js';
import { startScenario, type Scenario } from '../support/scenario.js';

// The Vault setup recipes (policy, secrets engine, Kubernetes/OIDC/JWT auth, tokens) against a
// Vault test server that starts without secret/ and without Kubernetes auth, like a fresh Vault.
const test = suite('vault setup recipes');
let sc: Scenario;
let bare: VaultTestServer;
let env: Record<string, string>;
const CA = '-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n';
const REVIEWER_JWT = 'eyJhbGciOiJSUzI1NiJ9.reviewer.jwt-sig';
test.before(async () => {
  sc = await startScenario({
    cluster: (s) => {
      withObject(s, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vault' } });
      // What the token controller puts in a service-account-token Secret.
      withObject(s, {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'vault-auth-token',
          namespace: 'vault',
          annotations: { 'kubernetes.io/service-account.name': 'vault-auth' },
        },
        type: 'kubernetes.io/service-account-token',
        data: {
          token: Buffer.from(REVIEWER_JWT).toString('base64'),
          'ca.crt': Buffer.from(CA).toString('base64'),
        },
      });
    },
  });
  bare = await startVaultServer({ secretMount: false, kubernetesAuth: false });
  env = { VAULT_ADDR: bare.url, VAULT_TOKEN: bare.rootToken };
});
test.after(async () => {
  await bare.close();
  await sc.close();
});

test('create-secrets-engine: KV v2 at the path; again is fine; another engine there is an error', async () => {
  const r = await sc.run(['vault:create-secrets-engine', 'secret'], env);
  assert.is(r.code, 0, r.stderr);
  assert.equal(bare.secretsEngines()['secret/']?.options, { version: '2' });
  const again = await sc.run(['vault:create-secrets-engine', 'secret'], env);
  assert.equal([again.code, again.stderr], [0, '  KV v2 already enabled at secret/\n']);
  assertOneLineError(
    await sc.run(['vault:create-secrets-engine', 'cubbyhole'], env),
    '✗ cubbyhole/ is already in use by a cubbyhole engine',
  );
});

test('create-admin-policy writes policy admin with sudo on sys/auth', async () => {
  const r = await sc.run(['vault:create-admin-policy'], env);
  assert.is(r.code, 0, r.stderr);
  const hcl = bare.policy('admin')!;
  assert.match(
    hcl,
    /path "sys\/auth\/\*" \{\s+capabilities = \["create", "read", "update", "delete", "list", "sudo"\]/,
  );
  assert.match(hcl, /path "auth\/token\/create" \{\s+capabilities = \["create", "update"\]/);
});

test('setup-kubernetes-auth: reviewer account applied, method enabled, config from the Secret', async () => {
  const r = await sc.run(['vault:setup-kubernetes-auth'], env);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, REVIEWER_JWT);
  assert.ok(sc.fc.object('ServiceAccount', 'vault-auth', 'vault'));
  assert.equal(sc.fc.object('ClusterRoleBinding', 'vault-auth-binding')!.roleRef, {
    apiGroup: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: 'system:auth-delegator',
  });
  assert.is(bare.authMethods()['kubernetes/']?.type, 'kubernetes');
  const config = bare.kubernetesConfig()!;
  assert.equal(
    [config.kubernetes_host, config.kubernetes_ca_cert, config.token_reviewer_jwt],
    ['https://kubernetes.default.svc', CA, REVIEWER_JWT],
  );
  const again = await sc.run(['vault:setup-kubernetes-auth'], env);
  assert.is(again.code, 0, again.stderr);
});

test('setup-oidc-auth: Keycloak client vault with mappers, oidc config, default policy kept, two roles', async () => {
  const r = await sc.run(['vault:setup-oidc-auth'], env);
  assert.is(r.code, 0, r.stderr);
  const client = sc.keycloak.clients('buunstack').find((c) => c.clientId === 'vault')!;
  assert.equal(client.redirectUris, [
    'https://vault.example.com/ui/vault/auth/oidc/oidc/callback',
    'http://localhost:8250/oidc/callback',
    'http://localhost:8200/ui/vault/auth/oidc/oidc/callback',
  ]);
  assert.is(client.publicClient, false);
  const secret = String(client.secret);
  assert.is(secret.length, 48);
  assert.not.match(r.stdout + r.stderr, secret);
  const mappers = sc.keycloak.realm('buunstack')!.clientMappers.get(String(client.id))!;
  assert.equal(
    mappers.map((m) => m.name),
    ['aud-mapper-vault', 'groups'],
  );
  const oidc = bare.jwtAuth('oidc')!;
  assert.equal(oidc.config, {
    oidc_discovery_url: `${sc.keycloak.url}/realms/buunstack`,
    oidc_client_id: 'vault',
    oidc_client_secret: secret,
    default_role: 'default',
  });
  assert.equal(oidc.roles.default.token_policies, ['default']);
  assert.equal(oidc.roles.default.bound_claims, null);
  assert.equal(oidc.roles.admin.bound_claims, { groups: ['vault-admins'] });
  assert.equal(oidc.roles.admin.token_policies, ['admin']);
  assert.equal(oidc.roles.admin.allowed_redirect_uris, client.redirectUris);
  const policy = bare.policy('default')!;
  assert.match(policy, 'path "auth/token/renew-self"', 'the shipped default rules stay');
  assert.match(
    policy,
    /path "secret\/data\/\*" \{\s+capabilities = \["create", "read", "update", "delete", "list"\]/,
  );
  // Again: a new client secret, the rules appended only once.
  const again = await sc.run(['vault:setup-oidc-auth'], env);
  assert.is(again.code, 0, again.stderr);
  assert.is(bare.policy('default')!.split('path "secret/data/*"').length, 2);
  const newSecret = String(
    sc.keycloak.clients('buunstack').find((c) => c.clientId === 'vault')!.secret,
  );
  assert.is.not(newSecret, secret);
  assert.is(bare.jwtAuth('oidc')!.config!.oidc_client_secret, newSecret);
});

test('disable-oidc-auth asks first, then disables', async () => {
  const no = await sc.run(['vault:disable-oidc-auth'], env);
  assert.is(no.code, 1);
  assert.ok(bare.authMethods()['oidc/']);
  const yes = await sc.run(['vault:disable-oidc-auth', '--yes'], env);
  assert.is(yes.code, 0, yes.stderr);
  assert.is(bare.authMethods()['oidc/'], undefined);
});

test('setup-jwt-auth: jwt method validating Keycloak tokens, a role for the audience', async () => {
  const r = await sc.run(
    ['vault:setup-jwt-auth', 'airflow', 'airflow-role', 'airflow-policy'],
    env,
  );
  assert.is(r.code, 0, r.stderr);
  const jwt = bare.jwtAuth('jwt')!;
  assert.equal(jwt.config, {
    jwks_url: `${sc.keycloak.url}/realms/buunstack/protocol/openid-connect/certs`,
    bound_issuer: `${sc.keycloak.url}/realms/buunstack`,
  });
  const role = jwt.roles['airflow-role']!;
  assert.equal(
    [
      role.role_type,
      role.bound_audiences,
      role.user_claim,
      role.token_policies,
      role.token_ttl,
      role.token_max_ttl,
    ],
    ['jwt', ['airflow', 'account'], 'preferred_username', ['airflow-policy'], 3600, 172800],
  );
});

test('create-admin-token prints a token holding policy admin', async () => {
  const r = await sc.run(['vault:create-admin-token'], env);
  assert.is(r.code, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(token, /^hvs\./);
  assert.equal(bare.token(token)!.policies, ['admin', 'default']);
});

test('create-token-and-store: token with the policy and TTLs, stored at secret/<path>', async () => {
  const r = await sc.run(['vault:create-token-and-store', 'admin', 'svc/token', '2h', '24h'], env);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, '');
  const stored = bare.kvRead('svc/token') as { token: string };
  const info = bare.token(stored.token)!;
  assert.equal([info.policies, info.ttl, info.explicitMaxTtl], [['admin', 'default'], 7200, 86400]);
  assert.not.match(r.stderr, stored.token);
});

test('dump-tree: paths and field names, never values', async () => {
  bare.kvWrite('app/db', { user: 'u', password: 'dump-secret-1' });
  bare.kvWrite('app/nested/api', { key: 'k' });
  const r = await sc.run(['vault:dump-tree', 'app'], env);
  assert.equal([r.code, r.stdout], [0, 'app/db  [password, user]\napp/nested/api  [key]\n']);
  assert.not.match(r.stdout + r.stderr, 'dump-secret-1');
});

test('write uses VAULT_TOKEN (else OIDC login); root-write uses the root token; both mask credentials', async () => {
  const w = await sc.run(
    [
      'vault:root-write',
      'auth/jwt/role/r2',
      'role_type=jwt',
      'bound_audiences=x',
      'user_claim=sub',
    ],
    env,
  );
  assert.is(w.code, 0, w.stderr);
  assert.is(bare.jwtAuth('jwt')!.roles.r2!.user_claim, 'sub');
  const userToken = bare.createToken({ policies: ['default'] });
  const denied = await sc.run(['vault:write', 'auth/jwt/role/r3', 'user_claim=sub'], {
    ...env,
    VAULT_TOKEN: userToken,
  });
  assertOneLineError(denied, /^✗ Vault denied write auth\/jwt\/role\/r3/);
  const dry = await sc.run(
    ['vault:write', 'auth/jwt/config', 'oidc_client_secret=shh-123', '--dry-run'],
    env,
  );
  assert.match(
    dry.stdout,
    '# write auth/jwt/config (fields: oidc_client_secret)\nvault write auth/jwt/config - <<EOF\n' +
      '{\n  "oidc_client_secret": "${ARG_OIDC_CLIENT_SECRET:?set ARG_OIDC_CLIENT_SECRET}"\n}\nEOF\n',
  );
  assert.not.match(dry.stdout + dry.stderr, 'shh-123');
});

test('--dry-run of the setup recipes changes nothing in Vault', async () => {
  const fresh = await startVaultServer({ secretMount: false, kubernetesAuth: false });
  try {
    const e = { VAULT_ADDR: fresh.url, VAULT_TOKEN: fresh.rootToken };
    for (const args of [
      ['vault:create-secrets-engine', 'secret'],
      ['vault:create-admin-policy'],
      ['vault:setup-kubernetes-auth'],
      ['vault:setup-jwt-auth', 'a', 'b'],
    ]) {
      const r = await sc.run([...args, '--dry-run'], e);
      assert.is(r.code, 0, r.stderr);
    }
    assert.equal(Object.keys(fresh.secretsEngines()).sort(), ['cubbyhole/', 'identity/', 'sys/']);
    assert.equal(Object.keys(fresh.authMethods()), ['token/']);
    assert.is(fresh.policy('admin'), undefined);
  } finally {
    await fresh.close();
  }
});

test('unseal: the key from VAULT_UNSEAL_KEY over sys/unseal; a wrong key is refused', async () => {
  bare.seal(true);
  assertOneLineError(
    await sc.run(['vault:unseal'], { ...env, VAULT_UNSEAL_KEY: 'd3Jvbmcta2V5' }),
    /Unseal failed, invalid key/,
  );
  const r = await sc.run(['vault:unseal'], { ...env, VAULT_UNSEAL_KEY: bare.unsealKey });
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, bare.unsealKey);
  assert.is(bare.initialized(), true);
  const again = await sc.run(['vault:unseal'], { ...env, VAULT_UNSEAL_KEY: bare.unsealKey });
  assert.match(again.stderr, 'already unsealed');
});

test.run();

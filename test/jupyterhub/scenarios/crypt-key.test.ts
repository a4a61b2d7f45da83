// Issue 11, point 7: the crypt key encrypts stored auth state, so a key Vault already
// holds is reused wherever it exists (a lost Secret, an install interrupted after the KV
// write); only the explicit recipe replaces it, and only with --replace and confirmation.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ALL_OFF, startScenario, type Scenario } from '../../support/scenario.js';
import { secretValue } from './helpers.js';

const test = suite('jupyterhub scenario: the crypt key in Vault is reused, never replaced');

// A key CryptKeeper takes (64 hex characters): one it refuses would be migrated.
const KEY = 'c0ffee'.repeat(10) + 'beef';
const ENV = { ...ALL_OFF, JUPYTERHUB_NAMESPACE: 'datastack' };

let eso: Scenario;
let plain: Scenario;

test.before(async () => {
  [eso, plain] = await Promise.all([startScenario({ eso: true }), startScenario({ vault: true })]);
  for (const sc of [eso, plain]) sc.vault.kvWrite('jupyterhub/config', { 'crypt-key': KEY });
});
test.after(async () => void (await Promise.all([eso.close(), plain.close()])));

test('External Secrets, Secret missing, key in Vault: the Secret gets that key, Vault untouched', async () => {
  const r = await eso.run(['jupyterhub:install'], { ...ENV, VAULT_TOKEN: eso.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  assert.is(secretValue(eso, 'jupyterhub-crypt-key', 'crypt-key'), KEY);
  assert.equal(eso.vault.kvRead('jupyterhub/config'), { 'crypt-key': KEY });
  assert.is(eso.vault.kvVersions('jupyterhub/config'), 1, 'no new version was written');
  assert.match(r.stderr, 'reusing the value stored in Vault at secret/jupyterhub/config');
  assert.not.match(r.stderr, KEY);
});

test('External Secrets: the Secret lost again (as after an interrupted run): the same key comes back', async () => {
  eso.fc.update((s) => {
    s.objects = s.objects.filter(
      (o) => !(o.kind === 'Secret' && o.metadata.name === 'jupyterhub-crypt-key'),
    );
  });
  const r = await eso.run(['jupyterhub:install'], { ...ENV, VAULT_TOKEN: eso.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  assert.is(secretValue(eso, 'jupyterhub-crypt-key', 'crypt-key'), KEY);
  assert.is(eso.vault.kvVersions('jupyterhub/config'), 1);
});

test('no External Secrets, a vault release: the plain Secret gets the key Vault holds', async () => {
  const r = await plain.run(['jupyterhub:install'], { ...ENV, VAULT_TOKEN: plain.vault.rootToken });
  assert.is(r.code, 0, r.stderr);
  assert.is(secretValue(plain, 'jupyterhub-crypt-key', 'crypt-key'), KEY);
  assert.is(plain.vault.kvVersions('jupyterhub/config'), 1);
});

test('create-crypt-key-secret: Vault holds a key → refused without --replace (even with --yes), nothing changed', async () => {
  plain.fc.update((s) => {
    s.objects = s.objects.filter(
      (o) => !(o.kind === 'Secret' && o.metadata.name === 'jupyterhub-crypt-key'),
    );
  });
  for (const extra of [[], ['--yes']]) {
    const r = await plain.run(['jupyterhub:create-crypt-key-secret', ...extra], {
      ...ENV,
      VAULT_TOKEN: plain.vault.rootToken,
    });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, 'jupyterhub-crypt-key was not replaced');
    assert.match(r.stderr, 'stored auth state');
    assert.match(r.stderr, 'jupyterhub:rotate-crypt-key');
    assert.match(r.stderr, '--replace');
    assert.is(plain.vault.kvVersions('jupyterhub/config'), 1);
    assert.is(secretValue(plain, 'jupyterhub-crypt-key', 'crypt-key'), undefined);
  }
  const noYes = await plain.run(['jupyterhub:create-crypt-key-secret', '--replace'], {
    ...ENV,
    VAULT_TOKEN: plain.vault.rootToken,
  });
  assert.is(noYes.code, 1, 'with --replace, no terminal: still needs --yes');
  assert.match(noYes.stderr, 'pass --yes');
  assert.is(plain.vault.kvVersions('jupyterhub/config'), 1);
  const yes = await plain.run(['jupyterhub:create-crypt-key-secret', '--replace', '--yes'], {
    ...ENV,
    VAULT_TOKEN: plain.vault.rootToken,
  });
  assert.is(yes.code, 0, yes.stderr);
  const replaced = secretValue(plain, 'jupyterhub-crypt-key', 'crypt-key');
  assert.ok(replaced && replaced !== KEY);
  assert.equal(plain.vault.kvRead('jupyterhub/config'), { 'crypt-key': replaced });
});

test.run();

// The crypt key rules against JupyterHub's own: every key is judged by our keyProblem and
// by CryptKeeper's validation (jupyterhub.crypto, Debian's JupyterHub, whose rule is
// JupyterHub 5's), and both must agree; new keys are ones CryptKeeper takes.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  isValidKey,
  keyProblem,
  newCryptKey,
  refusedKeys,
  splitKeys,
} from '../../../tasks/jupyterhub/crypt-key-rules.js';
import { randomPassword } from '../../../tasks/utils/random.js';
import { python3, run } from '../templates/tools.js';

const test = suite('jupyterhub crypt key rules: what CryptKeeper takes');

// Each key through CryptKeeper.keys (its validator): the raw 32 bytes, hex, or null.
const JUDGE = `
import json, sys
from jupyterhub.crypto import CryptKeeper
out = []
for key in json.loads(sys.stdin.read()):
    try:
        out.append(CryptKeeper(keys=[key]).keys[0].hex())
    except Exception:  # ValueError, re-raised by some traitlets versions as TypeError
        out.append(None)
print(json.dumps(out))
`;
const judge = (keys: string[]): (string | null)[] => {
  const r = run(python3(), ['-c', JUDGE], { input: JSON.stringify(keys) });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

const bytes = randomBytes(32);
const CASES: Record<string, string> = {
  'hex, lower': bytes.toString('hex'),
  'hex, upper': bytes.toString('hex').toUpperCase(),
  'base64url, padded': bytes.toString('base64url') + '=',
  'base64, padded': bytes.toString('base64'),
  '32 ASCII characters': 'abcdefghijklmnopqrstuvwxyz012345',
  '48 alphanumeric (the first releases of these tasks)': randomPassword(48),
  '64 characters, not hex': 'g'.repeat(64),
  '44 characters, no padding': 'A'.repeat(44),
  '43 base64 characters': bytes.toString('base64url'),
  '31 characters': 'x'.repeat(31),
  '33 characters': 'x'.repeat(33),
  '32 characters, not ASCII': '\u00e9'.repeat(32),
};

test('keyProblem agrees with CryptKeeper on every case', () => {
  const names = Object.keys(CASES);
  const verdicts = judge(names.map((n) => CASES[n]!));
  names.forEach((name, i) => {
    assert.is(isValidKey(CASES[name]!), verdicts[i] !== null, name);
  });
  // the cases cover both answers
  assert.ok(verdicts.some((v) => v === null) && verdicts.some((v) => v !== null));
});

test('a problem names the length, never the key', () => {
  const key = CASES['48 alphanumeric (the first releases of these tasks)']!;
  assert.is(keyProblem(key), '48 characters');
  assert.is(keyProblem('g'.repeat(64)), '64 characters, not all hex');
  assert.is(keyProblem('\u00e9'.repeat(32)), 'not ASCII');
  assert.equal(refusedKeys([CASES['hex, lower']!, key]), ['key 2 of 2 (48 characters)']);
  assert.equal(refusedKeys([CASES['hex, lower']!]), []);
});

test('new keys: 64 hex characters, different each time, the 32 bytes CryptKeeper decodes', () => {
  const keys = [newCryptKey(), newCryptKey()];
  assert.not.equal(keys[0], keys[1]);
  for (const k of keys) assert.match(k, /^[0-9a-f]{64}$/);
  assert.equal(judge(keys), keys, 'CryptKeeper takes them, as those bytes');
});

test('splitKeys: `;`-separated, blanks and empty entries ignored', () => {
  assert.equal(splitKeys(' a ;b;;  ;c\n'), ['a', 'b', 'c']);
  assert.equal(splitKeys(''), []);
});

test.run();

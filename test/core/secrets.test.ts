import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Secrets } from '../../tasks/core/secrets.js';

const secrets = suite('core/secrets: redaction of every secret the run has seen');

secrets('registered values are masked wherever they appear, also base64-encoded', () => {
  const s = new Secrets();
  s.add('hunter2-token');
  const b64 = Buffer.from('hunter2-token').toString('base64');
  assert.is(
    s.redact(`token=hunter2-token and again hunter2-token; data: ${b64}`),
    'token=*** and again ***; data: ***',
  );
});

secrets('a longer secret containing a shorter one is masked whole', () => {
  const s = new Secrets();
  s.add('abcd');
  s.add('abcdefgh');
  assert.is(s.redact('x abcdefgh y abcd'), 'x *** y ***');
});

secrets('empty and very short values are not registered (they would mask ordinary text)', () => {
  const s = new Secrets();
  assert.is(s.add(''), '');
  assert.is(s.add(undefined), undefined);
  s.add('ab');
  assert.is(s.size, 0);
  assert.is(s.redact('ab cd'), 'ab cd');
});

secrets('containsSecret finds a value inside a larger string', () => {
  const s = new Secrets();
  s.add('p4ssw0rd!');
  assert.ok(s.containsSecret('--from-literal=key=p4ssw0rd!'));
  assert.not.ok(s.containsSecret('--from-literal=key=other'));
});

secrets.run();

// Values drift: leaf paths added/removed/changed, secrets masked, and a unified diff whose
// hunks are the ones GNU diff -u prints for the same two texts.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  changedKeys,
  flatten,
  maskSecrets,
  unifiedDiff,
  valuesText,
} from '../../../tasks/jupyterhub/values-diff.js';

const test = suite('jupyterhub day-2: values diff');
const dir = mkdtempSync(join(tmpdir(), 'values-diff-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('flatten: leaf paths, list items by index, odd keys bracketed, empty containers kept', () => {
  const flat = flatten({
    cull: { maxAge: 1 },
    hub: { extraFiles: { 'pre_spawn_hook.py': { mode: 420 } }, list: [{ a: 1 }, 'x'] },
    e: {},
    l: [],
  });
  assert.equal(
    [...flat.keys()],
    [
      'cull.maxAge',
      'hub.extraFiles["pre_spawn_hook.py"].mode',
      'hub.list[0].a',
      'hub.list[1]',
      'e',
      'l',
    ],
  );
});

test('changedKeys: exactly the leaves that differ, sorted, with their kind', () => {
  const deployed = { cull: { maxAge: 604800, every: 600 }, hub: { a: [1, 2] }, gone: true };
  const rendered = { cull: { maxAge: 3600, every: 600 }, hub: { a: [1] }, added: 'x' };
  assert.equal(changedKeys(deployed, rendered), [
    { path: 'added', kind: 'added' },
    { path: 'cull.maxAge', kind: 'changed' },
    { path: 'gone', kind: 'removed' },
    { path: 'hub.a[1]', kind: 'removed' },
  ]);
  assert.equal(changedKeys(rendered, structuredClone(rendered)), []);
  // A number and the same digits as a string are different values to the chart.
  assert.equal(changedKeys({ a: 10 }, { a: '10' }), [{ path: 'a', kind: 'changed' }]);
});

test('maskSecrets: values under secret-looking keys only, at any depth', () => {
  assert.equal(
    maskSecrets({
      hub: { config: { GenericOAuthenticator: { client_secret: 'abc', client_id: 'id' } } },
      proxy: { secretToken: 'xyz' },
      list: [{ password: 'p', user: 'u' }],
      api_token: '',
      cryptKey: 5,
    }),
    {
      hub: { config: { GenericOAuthenticator: { client_secret: '***', client_id: 'id' } } },
      proxy: { secretToken: '***' },
      list: [{ password: '***', user: 'u' }],
      api_token: '',
      cryptKey: '***',
    },
  );
  assert.not.match(valuesText({ proxy: { secretToken: 'xyz' } }), 'xyz');
});

test('valuesText: keys sorted at every level, so key order is no change', () => {
  assert.is(valuesText({ b: 1, a: { d: 1, c: 2 } }), valuesText({ a: { c: 2, d: 1 }, b: 1 }));
  assert.is(valuesText(undefined), '');
});

/** GNU diff -u's hunks (its two header lines carry file names and times: dropped). */
function gnuHunks(a: string, b: string): string {
  writeFileSync(join(dir, 'a'), a);
  writeFileSync(join(dir, 'b'), b);
  const r = spawnSync('diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
  return r.stdout.split('\n').slice(2).join('\n');
}
const ours = (a: string, b: string) => unifiedDiff(a, b, 'a', 'b').split('\n').slice(2).join('\n');

test('unifiedDiff: equal texts give nothing; headers name both sides', () => {
  assert.is(unifiedDiff('x\ny\n', 'x\ny\n', 'a', 'b'), '');
  assert.match(
    unifiedDiff('x\n', 'y\n', 'deployed', 'rendered'),
    /^--- deployed\n\+\+\+ rendered\n@@ -1,1 \+1,1 @@\n-x\n\+y\n$/,
  );
});

test('unifiedDiff: the same hunks as GNU diff -u, on seeded random edits', () => {
  let seed = 14;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 200; round++) {
    const a = Array.from({ length: 5 + rand(40) }, (_, i) => `line ${i % 7} ${rand(3)}`);
    const b = [...a];
    for (let e = rand(6); e >= 0; e--) {
      const at = rand(b.length + 1);
      const op = rand(3);
      if (op === 0) b.splice(at, 0, `new ${rand(100)}`);
      else if (op === 1) b.splice(at, 1);
      else b.splice(at, 1, `changed ${rand(100)}`);
    }
    const ta = `${a.join('\n')}\n`;
    const tb = b.length ? `${b.join('\n')}\n` : '';
    const gnu = gnuHunks(ta, tb);
    // Where several edit scripts are equally short, diff and we may pick different ones:
    // then only the line counts of the hunks must agree.
    const mine = ours(ta, tb);
    if (mine !== gnu) {
      const counts = (t: string) =>
        [...t.matchAll(/^([-+])/gm)].reduce(
          (m, x) => ({ ...m, [x[1]!]: (m[x[1]!] ?? 0) + 1 }),
          {} as Record<string, number>,
        );
      assert.equal(counts(mine), counts(gnu), `round ${round}\n${mine}\n---\n${gnu}`);
    }
  }
});

test('unifiedDiff: one changed value in a long file is one hunk with 3 lines of context', () => {
  const a = Array.from({ length: 30 }, (_, i) => `k${i}: ${i}`);
  const b = [...a];
  b[15] = 'k15: changed';
  const d = unifiedDiff(`${a.join('\n')}\n`, `${b.join('\n')}\n`, 'a', 'b');
  assert.is(d, gnuHunks(`${a.join('\n')}\n`, `${b.join('\n')}\n`).replace(/^/, '--- a\n+++ b\n'));
  assert.is(d.split('\n').filter((l) => l.startsWith('@@')).length, 1);
});

test.run();

// planCryptKeys, the rule install applies to the stored key list: refused keys dropped, a
// new key first when none is left, the chart's key kept after ours only while the deployed
// hub still reads it; nothing changes once migrated (or after --drop-old).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  planCryptKeys,
  type ChartCryptState,
} from '../../../tasks/jupyterhub/crypt-key-migration.js';

const test = suite('jupyterhub crypt key migration plan');

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const CHART = 'c'.repeat(64);
const NEW = 'd'.repeat(64);
const OLD = 'x'.repeat(48);
const generate = () => NEW;
const oldHub: ChartCryptState = { deployed: true, chartKeys: [CHART], usesOurs: false };
const ourHub: ChartCryptState = { deployed: true, chartKeys: [CHART], usesOurs: true };
const noRelease: ChartCryptState = { deployed: false, chartKeys: [], usesOurs: false };

test('an old install: the refused key replaced by a new one, the chart key after it', () => {
  const p = planCryptKeys([OLD], oldHub, generate);
  assert.equal(p.keys, [NEW, CHART]);
  assert.ok(p.changed);
  assert.is(p.notes.length, 3, p.notes.join('\n'));
  assert.match(p.notes[0]!, 'key 1 of 1 (48 characters) dropped');
  assert.not.ok(p.notes.join(' ').includes(OLD), 'no key value in a note');
});

test('valid keys are kept in order; a refused one among them dropped without a new key', () => {
  assert.equal(planCryptKeys([A, OLD, B], ourHub, generate).keys, [A, B]);
  const p = planCryptKeys([A, B], oldHub, generate);
  assert.equal(p.keys, [A, B, CHART]);
});

test('migrated, or the chart key dropped later, or no release: nothing changes', () => {
  for (const [keys, chart] of [
    [[A, CHART], oldHub],
    [[A, CHART], ourHub],
    [[A], ourHub],
    [[A], noRelease],
  ] as const) {
    const p = planCryptKeys(keys, chart, generate);
    assert.equal(p, { keys: [...keys], changed: false, notes: [] });
  }
});

test('no key at all: a new one (after it the chart key while the hub reads that)', () => {
  assert.equal(planCryptKeys([], noRelease, generate), { keys: [NEW], changed: true, notes: [] });
  assert.equal(planCryptKeys([], oldHub, generate).keys, [NEW, CHART]);
});

test.run();

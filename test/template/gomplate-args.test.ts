// gomplate's flag syntax (cobra/pflag): long/short forms, attached values, CSV splitting.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UsageError } from '../../tasks/core/index.js';
import { parseGomplateArgs, splitCsv } from '../../tasks/template/gomplate-args.js';

const args = suite('gomplate-args');

args('flag forms', () => {
  const a = parseGomplateArgs([
    '-f',
    'a',
    '-fb',
    '-f=c',
    '--file',
    'd',
    '--file=e',
    '-o',
    'x',
    '-d',
    'm=m.yaml',
    '--verbose',
    '-V',
  ]);
  assert.equal(a.files, ['a', 'b', 'c', 'd', 'e']);
  assert.equal(a.outs, ['x']);
  assert.equal(a.datasources, ['m=m.yaml']);
  assert.is(a.input, undefined);
  assert.is(parseGomplateArgs(['-i', '']).input, '');
});

args('values are split like a CSV record', () => {
  assert.equal(splitCsv('a,b'), ['a', 'b']);
  assert.equal(splitCsv('"a,b",c'), ['a,b', 'c']);
  assert.equal(splitCsv('"say ""hi"""'), ['say "hi"']);
  assert.equal(splitCsv('a,'), ['a', '']);
  assert.equal(splitCsv(''), []);
  assert.equal(parseGomplateArgs(['-f', 'x.tpl,y.tpl']).files, ['x.tpl', 'y.tpl']);
});

args('errors', () => {
  assert.throws(
    () => parseGomplateArgs(['--nope']),
    (e: unknown) => e instanceof UsageError && e.message === 'unknown flag: --nope',
  );
  assert.throws(() => parseGomplateArgs(['-o']), /flag needs an argument: --out/);
  assert.throws(() => parseGomplateArgs(['--', 'cmd']), /post-exec command/);
  assert.throws(() => parseGomplateArgs(['-f', 'a"b']), /invalid argument "a\\"b" for --file flag/);
});

args.run();

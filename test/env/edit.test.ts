import { parse } from 'dotenv';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskError } from '../../tasks/core/errors.js';
import { setEnvValue } from '../../tasks/env/edit.js';

// setEnvValue: one key changes, every other byte stays; dotenv reads the value back exactly.
const test = suite('env edit: set one key, keep the rest byte for byte');

// Every shape of line the file may hold. SET_ME appears three times: inside another key's
// multi-line value (not an assignment), first, and last (the one dotenv uses).
const FIXTURE = [
  '# buun-stack settings\r\n',
  '\r\n',
  'LOCAL_K8S_HOST=k8s.local\r\n',
  'export EXPORTED="exported value"\n',
  "SINGLE='single # not a comment'\n",
  'BACKTICK=`tick`\n',
  'CERT="-----BEGIN-----\nSET_ME=inside-a-value\n-----END-----"\n',
  '   INDENTED = spaced   # trailing comment\n',
  'SET_ME=first\n',
  '\n',
  '# a comment with SET_ME=commented\n',
  'export SET_ME=last # keep this comment\n',
  'EMPTY=\n',
  'LAST_NO_NEWLINE=end',
].join('');

const others = (text: string) => {
  const { SET_ME: _drop, ...rest } = parse(text);
  return rest;
};

test('an existing key: the last assignment is replaced in place, everything else byte for byte', () => {
  const out = setEnvValue(FIXTURE, 'SET_ME', 'new-value');
  assert.is(out, FIXTURE.replace('export SET_ME=last #', 'export SET_ME=new-value #'));
  assert.is(parse(out).SET_ME, 'new-value');
  assert.equal(others(out), others(FIXTURE));
  assert.is(parse(out).CERT, '-----BEGIN-----\nSET_ME=inside-a-value\n-----END-----');
});

test('a key that appears only inside a quoted value is new: appended', () => {
  const text = 'CERT="a\nONLY_INSIDE=x\nb"\n';
  assert.is(setEnvValue(text, 'ONLY_INSIDE', 'y'), `${text}ONLY_INSIDE=y\n`);
});

test('CRLF lines: a replaced value keeps its CRLF; a CRLF-only file gets a CRLF line appended', () => {
  const crlf = 'A=1\r\nB=2\r\n';
  assert.is(setEnvValue(crlf, 'A', 'x'), 'A=x\r\nB=2\r\n');
  assert.is(setEnvValue(crlf, 'C', '3'), 'A=1\r\nB=2\r\nC=3\r\n');
  assert.is(setEnvValue('A=1\r\nB=2\n', 'C', '3'), 'A=1\r\nB=2\nC=3\n', 'mixed endings: LF');
});

test('a new key is appended; a missing final newline is added first', () => {
  assert.is(setEnvValue('', 'NEW', 'v'), 'NEW=v\n');
  assert.is(setEnvValue('A=1\n', 'NEW', 'v'), 'A=1\nNEW=v\n');
  assert.is(setEnvValue(FIXTURE, 'NEW', 'v'), `${FIXTURE}\nNEW=v\n`);
});

test('replacing a value keeps the export prefix, indentation and a trailing comment', () => {
  assert.is(setEnvValue('  export K="old" # why\n', 'K', 'new'), '  export K=new # why\n');
  assert.is(setEnvValue('K = old   # why\n', 'K', 'n'), 'K=n   # why\n');
  assert.is(setEnvValue('K=\nL=1\n', 'K', 'v'), 'K=v\nL=1\n');
  assert.is(setEnvValue('K="multi\nline"\nL=1\n', 'K', 'one'), 'K=one\nL=1\n');
});

test('duplicates: the last one is changed and wins', () => {
  const out = setEnvValue('D=1\nD=2\nX=3\n', 'D', 'z');
  assert.is(out, 'D=1\nD=z\nX=3\n');
  assert.is(parse(out).D, 'z');
});

const TRICKY = [
  '',
  'plain-value_1.2:3@x,y+z%=',
  'with space',
  ' leading and trailing ',
  'hash # inside',
  "it's",
  'say "hi"',
  `both ' and "`,
  'back`tick',
  'line1\nline2',
  'crlf\r\ninside',
  'line\nwith "double" quote',
  "line\nwith 'single' quote",
  'literal \\n backslash-n',
  'C:\\path\\to',
  '$HOME ${NOT_EXPANDED}',
  'ünïcødé ✓',
  'ends with backslash\\',
];

test('values round-trip through dotenv parse, in an empty file and in the fixture', () => {
  for (const value of TRICKY) {
    for (const text of ['', FIXTURE]) {
      const out = setEnvValue(text, 'SET_ME', value);
      assert.is(parse(out).SET_ME, value, JSON.stringify(value));
      assert.equal(others(out), others(text), `others kept for ${JSON.stringify(value)}`);
    }
  }
});

test('plain values are written bare, others quoted', () => {
  assert.is(setEnvValue('', 'K', 'https://a.example/x'), 'K=https://a.example/x\n');
  assert.is(setEnvValue('', 'K', 'a b'), "K='a b'\n");
  assert.is(setEnvValue('', 'K', "it's"), 'K="it\'s"\n');
  assert.is(setEnvValue('', 'K', 'say "hi"'), 'K=\'say "hi"\'\n');
  assert.is(setEnvValue('', 'K', `both ' and "`), 'K=`both \' and "`\n');
  assert.is(setEnvValue('', 'K', 'a\rb'), 'K="a\\rb"\n');
});

test('a value dotenv cannot read back is refused, not written wrong', () => {
  // Every quoting either ends early or is cut at the #.
  assert.throws(
    () => setEnvValue('A=1\n', 'K', 'x\n\'"`#'),
    (e: unknown) =>
      e instanceof TaskError && /cannot write K so that it reads back unchanged/.test(e.message),
  );
});

test.run();

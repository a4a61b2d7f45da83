// bin/tasks.js — the command an operator runs (npm link, the completions' function) —
// answers listings and help through the CommonJS front, and must answer exactly as the
// ES module CLI does; a recipe run goes on to the CLI.
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI } from './support/cli.js';
import { loaded, runWithNativeModules } from './support/native-modules.js';

const test = suite('front: bin/tasks.js answers like the CLI, without the ES module loader');
const BIN = fileURLToPath(new URL('../../bin/tasks.js', import.meta.url));
// Loaded only when a file is imported as an ES module, and what a run spawns or hashes with.
const EXPENSIVE = [
  'internal/modules/esm/module_job',
  'internal/modules/esm/translators',
  'child_process',
  'crypto',
  'net',
];

const ANSWERS = [
  ['--list'],
  [],
  ['jupyterhub'],
  ['--list', '--json'],
  ['--help'],
  ['--version'],
  ['--completions', 'bash'],
  ['jupyterhub:install', '--help'],
];
// Errors go through process.stderr, whose stream for a pipe is a net socket: only those.
const ERRORS = [['--list', 'nope'], ['nope:recipe', '--help'], ['--no-such-flag']];

test('listings, help, version, completions and their errors: same bytes and exit code as cli.js', () => {
  for (const args of [...ANSWERS, ...ERRORS]) {
    const front = runWithNativeModules(BIN, args);
    const cli = runWithNativeModules(CLI, args);
    const what = args.join(' ') || '(no arguments)';
    assert.is(front.code, cli.code, what);
    assert.is(front.stdout, cli.stdout, what);
    assert.is(front.stderr, cli.stderr, what);
    const avoided = ERRORS.includes(args) ? EXPENSIVE.filter((m) => m !== 'net') : EXPENSIVE;
    assert.equal(loaded(front, avoided), [], what);
    if (ERRORS.includes(args)) assert.is(front.code, 2, what);
    else assert.is(front.code, 0, `${what}: ${front.stderr}`);
  }
});

test('the comparison can fail: cli.js itself loads the ES module loader', () => {
  const cli = runWithNativeModules(CLI, ['--list']);
  assert.ok(loaded(cli, EXPENSIVE).includes('NativeModule internal/modules/esm/module_job'));
});

test('the front hands a recipe run on to the CLI when given one', () => {
  const front = fileURLToPath(new URL('../bundle/front.cjs', import.meta.url));
  const r = runWithNativeModules(front, ['utils:random-password', '16']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^[A-Za-z0-9]{16}\n$/);
});

test('a recipe run goes to the CLI: its output, its errors reported once, its exit code', () => {
  const ok = runWithNativeModules(BIN, ['utils:random-password', '24']);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^[A-Za-z0-9]{24}\n$/);
  const bad = runWithNativeModules(BIN, ['utils:no-such-recipe']);
  const direct = runWithNativeModules(CLI, ['utils:no-such-recipe']);
  assert.is(bad.code, 2);
  assert.is(bad.stderr, direct.stderr);
  assert.is(bad.stderr.split('unknown recipe').length, 2, bad.stderr);
});

test.run();

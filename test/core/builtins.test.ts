// node:child_process and node:crypto are required on first use: the CLI's listing and
// help never load them (nor net and the streams behind child_process); running a
// command does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLI } from '../support/cli.js';
import { loaded, runWithNativeModules } from '../support/native-modules.js';

const test = suite('core/builtins: child_process and crypto only when used');
const HEAVY = ['child_process', 'crypto', 'net'];

test('listing, help and completions of the ES module CLI load none of them', () => {
  for (const args of [['--list'], ['jupyterhub:install', '--help'], ['--completions', 'zsh']]) {
    const r = runWithNativeModules(CLI, args);
    assert.is(r.code, 0, r.stderr);
    assert.equal(loaded(r, HEAVY), [], args.join(' '));
  }
});

test('a recipe that runs a command loads child_process (so the test above can fail)', () => {
  const bin = mkdtempSync(join(tmpdir(), 'builtins-'));
  try {
    // A kubectl that fails: the recipe fails too, after spawning it.
    writeFileSync(join(bin, 'kubectl'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    const run = runWithNativeModules(CLI, ['k8s:delete-completed-pods'], {
      PATH: `${bin}:/usr/bin:/bin`,
    });
    assert.is.not(run.code, 0);
    assert.ok(loaded(run, HEAVY).includes('NativeModule child_process'), run.stderr);
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
});

test.run();

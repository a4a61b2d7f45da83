import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

const color = suite('core/color: FORCE_COLOR, NO_COLOR, CI and --no-color');
let dir: ReturnType<typeof tempDir>;
color.before.each(() => {
  dir = tempDir();
});
color.after.each(() => dir.remove());

// runCli sets NO_COLOR=1 unless told otherwise; '' unsets it for the program.
const ESC = '\u001b[';
const run = (args: string[], env: Record<string, string>) =>
  runCli(args, { cwd: dir.path, env: { NO_COLOR: '', ...env } });

color('FORCE_COLOR colours a pipe: the listing on stdout, an error on stderr', async () => {
  const list = await run(['utils'], { FORCE_COLOR: '1' });
  assert.is(list.code, 0);
  assert.ok(list.stdout.includes(`${ESC}1mutils`), list.stdout);
  const error = await run(['--frobnicate'], { FORCE_COLOR: '1' });
  assert.is(error.code, 2);
  assert.ok(error.stderr.includes(ESC), error.stderr);
});

color('a pipe without FORCE_COLOR, FORCE_COLOR=0 and --no-color stay plain', async () => {
  for (const [args, env] of [
    [['utils'], {}],
    [['utils'], { FORCE_COLOR: '0' }],
    [['utils', '--no-color'], { FORCE_COLOR: '1' }],
    [['utils'], { FORCE_COLOR: '1', NO_COLOR: '1' }],
  ] as [string[], Record<string, string>][]) {
    const r = await run(args, env);
    assert.is(r.code, 0);
    assert.not.ok(r.stdout.includes(ESC), JSON.stringify(env));
  }
});

color('no colour code reaches a CI log, even with FORCE_COLOR', async () => {
  for (const ci of ['true', '1']) {
    const list = await run(['utils'], { CI: ci, FORCE_COLOR: '1' });
    assert.is(list.code, 0);
    assert.not.ok(list.stdout.includes(ESC));
    const error = await run(['--frobnicate'], { CI: ci, FORCE_COLOR: '1' });
    assert.is(error.code, 2);
    assert.match(error.stderr, 'unknown option --frobnicate');
    assert.not.ok(error.stderr.includes(ESC));
    const help = await run(['utils:random-password', '--help'], { CI: ci, FORCE_COLOR: '3' });
    assert.not.ok(help.stdout.includes(ESC));
  }
  const notCi = await run(['utils'], { CI: 'false', FORCE_COLOR: '1' });
  assert.ok(notCi.stdout.includes(ESC));
});

color.run();

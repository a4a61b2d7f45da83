import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskError } from '../../tasks/core/errors.js';
import { renderText, renderToFile, writePrivateFile } from '../../tasks/template/write.js';
import { tempDir } from '../support/cli.js';
import { testContext } from '../support/context.js';

// How recipes render their templates to files: mode 0600, atomic, nothing for whitespace.
const test = suite('template write: rendering into private files');
let dir: ReturnType<typeof tempDir>;
test.before.each(() => {
  dir = tempDir();
});
test.after.each(() => dir.remove());
const path = (name: string) => join(dir.path, name);

test('renderToFile writes the rendering with mode 0600 into a new folder, no temp file left', () => {
  writeFileSync(path('t.tmpl'), 'token: {{ .Env.TOKEN }}\n');
  const { ctx } = testContext();
  const out = renderToFile(ctx, {
    template: path('t.tmpl'),
    out: path('out/sub/v.yaml'),
    env: { TOKEN: 'abc' },
  });
  assert.is(out, path('out/sub/v.yaml'));
  assert.is(readFileSync(out!, 'utf8'), 'token: abc\n');
  assert.is(statSync(out!).mode & 0o777, 0o600);
  assert.is(statSync(path('out/sub')).mode & 0o777, 0o700);
  assert.equal(readdirSync(path('out/sub')), ['v.yaml']);
});

test('whitespace-only output writes nothing (and leaves an older file alone)', () => {
  writeFileSync(path('ws.tmpl'), '{{ if false }}x{{ end }}\n  \t\n');
  const { ctx } = testContext();
  assert.is(
    renderToFile(ctx, { template: path('ws.tmpl'), out: path('ws.out'), env: {} }),
    undefined,
  );
  assert.not.ok(existsSync(path('ws.out')));
  writeFileSync(path('old.out'), 'old\n');
  assert.is(
    renderToFile(ctx, { template: path('ws.tmpl'), out: path('old.out'), env: {} }),
    undefined,
  );
  assert.is(readFileSync(path('old.out'), 'utf8'), 'old\n');
});

test('a template error is a TaskError naming the template, and no file is written', () => {
  writeFileSync(path('bad.tmpl'), 'a {{ .Env.MISSING }} b');
  const { ctx } = testContext();
  assert.throws(
    () => renderToFile(ctx, { template: path('bad.tmpl'), out: path('bad.out'), env: {} }),
    (e: unknown) =>
      e instanceof TaskError &&
      e.message.startsWith(`cannot render ${path('bad.tmpl')}: `) &&
      e.message.includes('MISSING'),
  );
  assert.not.ok(existsSync(path('bad.out')));
  assert.is(renderText(path('bad.tmpl'), { MISSING: 'x' }, dir.path), 'a x b');
});

test('writePrivateFile replaces an existing file whole, tightening its mode', () => {
  writeFileSync(path('f'), 'a much longer previous content\n', { mode: 0o644 });
  const { ctx } = testContext();
  writePrivateFile(ctx, path('f'), 'new\n');
  assert.is(readFileSync(path('f'), 'utf8'), 'new\n');
  assert.is(statSync(path('f')).mode & 0o777, 0o600);
  assert.equal(readdirSync(dir.path), ['f']);
});

test.run();

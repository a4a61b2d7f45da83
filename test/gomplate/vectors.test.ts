// The 88 verified gomplate vectors (shared/reference/gomplate/vectors.json), run the way
// they were recorded: `gomplate -d d=d.yaml -i TEMPLATE` in that folder with its env,
// through the CLI core, comparing stdout and the logged error string.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sharedDir } from '../../tasks/core/paths.js';
import { runRenderCommand } from '../../tasks/template/render-command.js';
import { testContext } from '../support/context.js';

// Output files go through the core, as the recipe's do (a real run: nothing is planned).
const files = testContext().ctx.effects;

interface Vector {
  section: string;
  template: string;
  output: string;
  exit: number;
  error: string | null;
  note?: string;
}
interface VectorFile {
  env: Record<string, string>;
  args: string[];
  cwd_placeholder: string;
  vectors: Vector[];
}

const dir = join(sharedDir(), 'reference', 'gomplate');
const doc = JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8')) as VectorFile;

const vectors = suite('vectors');

vectors('the file holds the 88 vectors', () => {
  assert.is(doc.vectors.length, 88);
});

doc.vectors.forEach((v, i) => {
  // a DIVERGENCE vector was recorded with Go 1.19's text/template where gomplate 5 (Go
  // 1.26) answers otherwise: reference.test.ts compares it with the real gomplate
  if (v.note?.startsWith('DIVERGENCE')) {
    vectors(`#${i + 1} ${v.section}: no longer the recorded Go 1.19 answer`, async () => {
      let stdout = '';
      const code = await runRenderCommand([...doc.args, '-i', v.template], {
        cwd: dir,
        env: doc.env,
        stdin: async () => '',
        stdout: (s) => (stdout += s),
        stderr: () => undefined,
        files,
      });
      assert.not.equal([code, stdout], [v.exit, v.output]);
    });
    return;
  }
  vectors(`#${i + 1} ${v.section}: ${JSON.stringify(v.template).slice(0, 70)}`, async () => {
    let stdout = '';
    let stderr = '';
    const code = await runRenderCommand([...doc.args, '-i', v.template], {
      cwd: dir,
      env: doc.env,
      stdin: async () => '',
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      files,
    });
    assert.is(code, v.exit);
    assert.is(stdout, v.output);
    if (v.error === null) {
      assert.is(stderr, '');
    } else {
      const line = JSON.parse(stderr.trim().split('\n').pop()!) as { level: string; err: string };
      assert.is(line.level, 'ERROR');
      assert.is(line.err, v.error.split(doc.cwd_placeholder).join(dir.replace(/^\//, '')));
    }
  });
});

vectors.run();

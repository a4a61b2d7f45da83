// The 88 recorded vectors (../shared/reference/gomplate/vectors.json) and our 290 cases
// (cases.json) rendered by the real gomplate v4.3.3 and by the engine: same bytes, same
// errors. Cases using what only gomplate 5 has (V5_ONLY) are compared with their recorded
// expectation alone (cases.test.ts, vectors.test.ts), since v4 answers differently.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sharedDir, projectRoot } from '../../tasks/core/paths.js';
import { TemplateError, isWhitespaceOnly, render } from '../../tasks/gomplate/index.js';
import { toBuffer } from '../../tasks/gomplate/gostring.js';
import { ensureGomplate, renderBatch } from './gomplate.js';
import { writeFiles } from './oracle.js';

/**
 * Where gomplate v4.3.3 and 5 (which the engine follows) differ: the builtin `slice` (v4
 * maps the name to its deprecated coll.Slice), env.HasEnv and env.Env (v5 only), a
 * namespace printed as a value (v4 prints a context pointer, whose address changes per
 * run), and v5's error for a scalar YAML datasource document.
 */
export const V5_ONLY = /\bslice\b|HasEnv|env\.Env|^\{\{ strings \}\}|^\{\{ datasource "s" \}\}$/;

interface Group {
  env: Record<string, string>;
  files: Record<string, string>;
  datasources: Record<string, string>;
  templates: string[];
}

function engine(text: string, name: string, g: Group, cwd: string): [Buffer, string | null] {
  let output: string;
  let error: string | null = null;
  try {
    output = render(text, { name, env: g.env, cwd, datasources: g.datasources });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    error = toBuffer(e.gomplateMessage).toString('utf8');
    output = e.partial;
  }
  return [toBuffer(isWhitespaceOnly(output) ? '' : output), error];
}

async function compareGroup(g: Group): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gomplate-ref-'));
  try {
    writeFiles(dir, g.files);
    const args = Object.entries(g.datasources).flatMap(([a, p]) => ['-d', `${a}=${p}`]);
    const { names, results } = await renderBatch(
      ensureGomplate(),
      g.templates,
      dir,
      g.env,
      args,
      40,
      4,
    );
    const failures: string[] = [];
    g.templates.forEach((t, i) => {
      const [out, err] = engine(t, names[i]!, g, dir);
      const exp = results[i]!;
      if (!out.equals(exp.output) || err !== exp.error)
        failures.push(
          `${JSON.stringify(t)}\n  engine:   ${JSON.stringify(out.toString())} ${err}\n  gomplate: ${JSON.stringify(exp.output.toString())} ${exp.error}`,
        );
    });
    return failures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const reference = suite('reference: vectors and cases against the real gomplate');

reference('the 88 vectors render as the real gomplate renders them', async () => {
  const gdir = join(sharedDir(), 'reference', 'gomplate');
  const doc = JSON.parse(readFileSync(join(gdir, 'vectors.json'), 'utf8')) as {
    env: Record<string, string>;
    vectors: { template: string }[];
  };
  const templates = doc.vectors.map((v) => v.template).filter((t) => !V5_ONLY.test(t));
  assert.ok(templates.length >= 80, String(templates.length));
  const failures = await compareGroup({
    env: doc.env,
    files: {
      'd.yaml': readFileSync(join(gdir, 'd.yaml'), 'utf8'),
      'three.txt': readFileSync(join(gdir, 'three.txt'), 'utf8'),
    },
    datasources: { d: 'd.yaml' },
    templates,
  });
  assert.is(failures.length, 0, failures.join('\n'));
});

reference('the cases of cases.json render as the real gomplate renders them', async () => {
  const doc = JSON.parse(
    readFileSync(join(projectRoot, 'test', 'gomplate', 'cases.json'), 'utf8'),
  ) as {
    env: Record<string, string>;
    files: Record<string, string>;
    datasources: Record<string, string>;
    cases: {
      template: string;
      env?: Record<string, string>;
      files?: Record<string, string>;
      ds?: Record<string, string>;
    }[];
  };
  // cases with their own env, files or datasources each form a group of one
  const shared: string[] = [];
  const groups: Group[] = [];
  for (const c of doc.cases) {
    if (V5_ONLY.test(c.template)) continue;
    if (!c.env && !c.files && !c.ds) shared.push(c.template);
    else
      groups.push({
        env: { ...doc.env, ...(c.env ?? {}) },
        files: { ...doc.files, ...(c.files ?? {}) },
        datasources: { ...doc.datasources, ...(c.ds ?? {}) },
        templates: [c.template],
      });
  }
  groups.push({ env: doc.env, files: doc.files, datasources: doc.datasources, templates: shared });
  const compared = groups.reduce((n, g) => n + g.templates.length, 0);
  assert.ok(compared >= 250, String(compared));
  const failures = (await Promise.all(groups.map(compareGroup))).flat();
  assert.is(failures.length, 0, failures.join('\n'));
});

reference.run();

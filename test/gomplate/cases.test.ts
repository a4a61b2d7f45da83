// 290 cases of our own (cases.json): trimming, control flow, scoping, define/template,
// every builtin and implemented gomplate function, datasource typing, printing and error
// messages with LINE:COL. The expected outputs and errors were produced by gomplate-oracle
// (Go's real text/template configured like gomplate) with gen-cases.mjs, never by hand.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TemplateError, isWhitespaceOnly, render } from '../../tasks/gomplate/index.js';
import { projectRoot } from '../../tasks/core/paths.js';
import { writeFiles } from './oracle.js';

interface Case {
  id: number;
  section: string;
  template: string;
  env?: Record<string, string>;
  files?: Record<string, string>;
  ds?: Record<string, string>;
  output: string;
  error: string | null;
}
interface CaseFile {
  env: Record<string, string>;
  files: Record<string, string>;
  datasources: Record<string, string>;
  cases: Case[];
}

const doc = JSON.parse(
  readFileSync(join(projectRoot, 'test', 'gomplate', 'cases.json'), 'utf8'),
) as CaseFile;

const cases = suite('cases');
let dir = '';

cases.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'engine-cases-'));
});
cases.after(() => rmSync(dir, { recursive: true, force: true }));

cases('there are at least 150 oracle-produced cases', () => {
  assert.ok(doc.cases.length >= 150, String(doc.cases.length));
});

for (const c of doc.cases) {
  cases(`#${c.id} ${c.section}: ${JSON.stringify(c.template).slice(0, 60)}`, () => {
    // cases with their own files get their own folder; the rest share the default one
    const caseDir = c.files ? join(dir, String(c.id)) : join(dir, 'default');
    if (c.files || !existsSync(caseDir)) writeFiles(caseDir, { ...doc.files, ...(c.files ?? {}) });
    let output: string;
    let error: string | null = null;
    try {
      output = render(c.template, {
        env: { ...doc.env, ...(c.env ?? {}) },
        cwd: caseDir,
        datasources: { ...doc.datasources, ...(c.ds ?? {}) },
      });
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      error = e.gomplateMessage;
      output = e.partial;
    }
    // gomplate writes nothing for whitespace-only output (the oracle's stdout shows that)
    if (isWhitespaceOnly(output)) output = '';
    assert.is(
      error,
      c.error === null ? null : c.error.split('{CWD}').join(caseDir.replace(/^\//, '')),
    );
    assert.is(output, c.output);
  });
}

cases.run();

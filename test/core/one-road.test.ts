import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot } from '../../tasks/core/paths.js';

/**
 * The rules that make the core the one road for effects, read from the sources:
 * only tasks/core decides between planning and doing, starts processes or makes
 * HTTP calls. A namespace that breaks one fails here, naming the file and line.
 */
const test = suite('core/one-road: only the core plans, starts processes and calls HTTP');

const TASKS = join(projectRoot, 'tasks');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every source file outside tasks/core, with its lines. */
const outsideCore = () =>
  sources(TASKS)
    .filter((f) => !relative(TASKS, f).startsWith('core/'))
    .map((f) => ({ file: relative(projectRoot, f), lines: readFileSync(f, 'utf8').split('\n') }));

const hits = (re: RegExp, skip: (file: string, line: string) => boolean = () => false) =>
  outsideCore().flatMap(({ file, lines }) =>
    lines.flatMap((line, i) =>
      re.test(line) && !skip(file, line) ? [`${file}:${i + 1}: ${line.trim()}`] : [],
    ),
  );

// Modules that start processes or speak HTTP on their own.
const PROCESS_OR_HTTP = [
  'child_process',
  'node:child_process',
  'zx',
  'zx/core',
  'execa',
  'cross-spawn',
  'http',
  'https',
  'node:http',
  'node:https',
  'node:http2',
  'http2',
  'net',
  'node:net',
  'undici',
  'axios',
  'node-fetch',
];
// node:net's address parsers open nothing.
const PURE_NET = /^import\s*\{\s*isIP(v4|v6)?(\s*,\s*isIP(v4|v6)?)*\s*\}\s*from\s*'node:net';$/;
const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/;

/**
 * The two HTTP client libraries a namespace may open, each in one file only, and only
 * to hand the client to calls that run inside ctx.effects (VaultApi.read/change,
 * keycloak/session.ts call/change). Type-only imports are free: they emit nothing.
 */
const CLIENT_LIBRARIES: Record<string, string> = {
  'node-vault': 'tasks/vault/tls.ts',
  '@keycloak/keycloak-admin-client': 'tasks/keycloak/admin.ts',
};

test('no dryRun outside tasks/core: the core decides between planning and doing', () => {
  assert.equal(hits(/\bdryRun\b/), []);
});

test('no module outside tasks/core imports a process or HTTP library', () => {
  const found = hits(specifier, (_file, line) => {
    const m = specifier.exec(line);
    return !m || !PROCESS_OR_HTTP.includes(m[1]!) || PURE_NET.test(line);
  });
  assert.equal(found, []);
});

test('no fetch outside tasks/core (HTTP goes through ctx.effects.httpQuery/httpChange)', () => {
  assert.equal(hits(/\bfetch\s*\(|\bglobalThis\.fetch\b|\bXMLHttpRequest\b|\bWebSocket\b/), []);
});

test('the Vault and Keycloak client libraries are opened in one file each', () => {
  const found = hits(specifier, (file, line) => {
    const m = specifier.exec(line);
    if (!m || !(m[1]! in CLIENT_LIBRARIES)) return true;
    if (/^\s*import\s+type\b/.test(line)) return true;
    return CLIENT_LIBRARIES[m[1]!] === file;
  });
  assert.equal(found, []);
});

// node:fs calls that change the disk; reads are free (a query).
const FILE_CHANGES =
  /\b(writeFileSync|appendFileSync|mkdirSync|mkdtempSync|chmodSync|chownSync|copyFileSync|cpSync|renameSync|rmSync|rmdirSync|unlinkSync|symlinkSync|linkSync|truncateSync|createWriteStream|writeFile|appendFile|mkdir|chmod|copyFile|rename|unlink|rm)\s*\(|['"]node:fs\/promises['"]|['"]fs\/promises['"]/;

test('no file is written outside tasks/core (writes go through ctx.effects)', () => {
  // The manifest writer runs at build time, never in a recipe.
  const found = hits(
    FILE_CHANGES,
    (file, line) =>
      file === 'tasks/manifest-writer.ts' ||
      /ctx\.effects\.|io\.files\.|\bfiles\.(writeBytes|makeDir)\(|^\s*(\/\/|\*)/.test(line) ||
      /\bexec\.(change|query)\(\s*'(mkdir|rm|chmod)'/.test(line),
  );
  assert.equal(found, []);
});

test('the rules see what they guard: the core itself does what they forbid elsewhere', () => {
  // Guards against a rule that silently matches nothing (a wrong folder or pattern).
  const core = sources(join(TASKS, 'core')).map((f) => readFileSync(f, 'utf8'));
  assert.ok(core.some((t) => /\bdryRun\b/.test(t)));
  assert.ok(core.some((t) => /from 'node:child_process'/.test(t)));
  assert.ok(core.some((t) => /\bfetch\s*\(/.test(t)));
  assert.ok(core.some((t) => FILE_CHANGES.test(t)));
  assert.ok(outsideCore().length > 50, 'the namespaces are scanned');
});

test.run();

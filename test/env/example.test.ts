import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readManifest } from '../../tasks/core/manifest.js';
import { projectRoot } from '../../tasks/core/paths.js';
import { createFakeCluster } from '../fakes/index.js';
import { runCli, tempDir } from '../support/cli.js';

// .env.local.example is complete (every declared variable) and works as it is: copied to
// .env.local, `jupyterhub:install --dry-run` runs with no cluster, asks nothing, prints no secret.
const test = suite('.env.local.example');
const EXAMPLE = join(projectRoot, '.env.local.example');
const SPY = fileURLToPath(new URL('./entropy-spy.js', import.meta.url));
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const assigned = () =>
  [...readFileSync(EXAMPLE, 'utf8').matchAll(/^([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

test('every variable every namespace declares appears as NAME= in .env.local.example', () => {
  const declared = readManifest().namespaces.flatMap((ns) =>
    ns.vars.map((v) => `${ns.name}: ${v.name}`),
  );
  assert.ok(declared.length > 40, 'the manifest lists the variables');
  const names = new Set(assigned());
  assert.equal(
    declared.filter((d) => !names.has(d.split(': ')[1]!)),
    [],
    'missing from .env.local.example',
  );
});

test('and it holds nothing that is not declared, each once', () => {
  const declared = new Set(readManifest().namespaces.flatMap((ns) => ns.vars.map((v) => v.name)));
  const names = assigned();
  assert.equal(
    names.filter((n) => !declared.has(n)),
    [],
    'undeclared variables in the example',
  );
  assert.equal(
    names.filter((n, i) => names.indexOf(n) !== i),
    [],
    'assigned twice',
  );
});

/** cp .env.local.example .env.local && tasks jupyterhub:install --dry-run, in a fresh folder. */
async function dryRunInstall(env: Record<string, string>) {
  const dir = tempDir();
  copyFileSync(EXAMPLE, join(dir.path, '.env.local'));
  const spyFile = join(dir.path, 'entropy.jsonl');
  writeFileSync(spyFile, '');
  const r = await runCli(['jupyterhub:install', '--dry-run'], {
    cwd: dir.path,
    env: {
      HOME: dir.path,
      TASKS_OUT_DIR: join(dir.path, 'out'),
      ENTROPY_SPY_FILE: spyFile,
      ...env,
    },
    nodeArgs: ['--import', SPY],
    timeoutMs: 30_000,
  });
  // What each randomBytes call became: a crypt key (32 bytes, hex: the byte 64 times in
  // hex), else a password of size/2 characters, all the same letter.
  const draws = readFileSync(spyFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { size: number; fill: number });
  const secrets = draws.map((d) =>
    d.size === 32 ? Buffer.alloc(32, d.fill).toString('hex') : ALPHABET[d.fill]!.repeat(d.size / 2),
  );
  dir.remove();
  return { ...r, secrets };
}

function assertPlannedWithoutSecrets(r: Awaited<ReturnType<typeof dryRunInstall>>) {
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^#!\/usr\/bin\/env bash\n/, 'the plan is on stdout');
  assert.not.match(r.stderr, /^kubectl apply/m, 'and not on stderr');
  assert.match(r.stderr, /^! no reachable Kubernetes cluster: planning as for an empty cluster$/m);
  assert.match(r.stderr, /^✓ Planned: JupyterHub /m);
  assert.not.match(r.stderr, /non-interactive default|is required|\?/, 'nothing was asked');
  const generated = r.secrets.filter((s) => /^([A-Za-z0-9]{48}|[0-9a-f]{64})$/.test(s));
  assert.ok(
    generated.length >= 2,
    `the plan generated secrets (crypt key, admin token): ${generated.length}`,
  );
  for (const s of r.secrets) {
    for (const form of [s, Buffer.from(s).toString('base64')])
      assert.not.ok(r.stderr.includes(form) || r.stdout.includes(form), 'a secret was printed');
  }
  const stringData = [...r.stdout.matchAll(/^stringData:\n((?: {2}.+\n)+)/gm)].flatMap((m) =>
    m[1]!.trimEnd().split('\n'),
  );
  assert.ok(stringData.length >= 2, 'Secret manifests are in the plan');
  // Each value a reference the plan's reader must supply (never a mask that pasting would
  // store); quoted where the value it stands for would read as a number in YAML (a crypt
  // key of hex digits only, as the spy's first draw makes it).
  for (const line of stringData)
    assert.match(line, /^ {2}[\w.-]+: ("?)\$\{([A-Z_]+):\?set \2\}\1$/);
}

test('install --dry-run with no kubectl on PATH: exit 0, no prompt, no secret printed', async () => {
  const empty = tempDir();
  mkdirSync(join(empty.path, 'bin'));
  const r = await dryRunInstall({ PATH: join(empty.path, 'bin') });
  empty.remove();
  assertPlannedWithoutSecrets(r);
  assert.not.match(r.stderr, /^\$ kubectl/m, 'no kubectl was run');
});

test('install --dry-run against a cluster that does not answer (fake kubectl, reachable=false)', async () => {
  const fc = createFakeCluster({ reachable: false });
  const r = await dryRunInstall({ ...fc.env });
  const calls = fc.calls().map((c) => `${c.tool} ${c.argv.join(' ')}`);
  fc.close();
  assertPlannedWithoutSecrets(r);
  assert.equal(
    calls,
    ['kubectl get --raw /readyz --request-timeout=5s'],
    'asked once, then planned offline',
  );
});

test.run();

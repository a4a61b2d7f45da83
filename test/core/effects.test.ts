import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskError } from '../../tasks/core/errors.js';
import { tempDir } from '../support/cli.js';
import { testContext } from '../support/context.js';
import { FakeBin } from '../support/fake-bin.js';

const test = suite('core/effects: queries run, changes are planned under --dry-run');
let dir: ReturnType<typeof tempDir>;
let server: Server;
let url: string;
let requests: string[];

test.before(async () => {
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
test.after(() => void server.close());
test.before.each(() => {
  dir = tempDir();
  requests = [];
});
test.after.each(() => dir.remove());

const make = (dryRun: boolean) =>
  testContext({ dryRun, env: { PATH: process.env.PATH, TASKS_OUT_DIR: join(dir.path, 'out') } });

test('a query runs in both modes; a change runs only when not planning', async () => {
  for (const dryRun of [false, true]) {
    const t = make(dryRun);
    let changed = 0;
    assert.is(await t.ctx.effects.query({ describe: 'read x' }, async () => 42), 42);
    const r = await t.ctx.effects.change({ describe: 'write x', done: 'x written' }, async () => {
      changed++;
      return 'result';
    });
    assert.is(r, dryRun ? undefined : 'result');
    assert.is(changed, dryRun ? 0 : 1);
    assert.is(t.err(), dryRun ? '' : '✓ x written\n');
    assert.is(t.ctx.plan.empty, !dryRun);
    if (dryRun) assert.ok(t.ctx.plan.render().endsWith('\n\n# would write x\n'));
  }
});

test('"absent" only under --dry-run, with its notice once; a real run sees the error', async () => {
  const fail = async (): Promise<number> => {
    throw new Error('ECONNREFUSED');
  };
  const q = { describe: 'read', absentWhen: () => true, absentNotice: 'not there: planning' };
  const dry = make(true);
  assert.is(await dry.ctx.effects.query(q, fail), undefined);
  assert.is(await dry.ctx.effects.query(q, fail), undefined);
  assert.is(dry.err(), '! not there: planning\n');
  const real = make(false);
  try {
    await real.ctx.effects.query(q, fail);
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'ECONNREFUSED');
  }
  // An error the query does not call "absent" is thrown in a dry run too.
  try {
    await dry.ctx.effects.query({ describe: 'read', absentWhen: () => false }, fail);
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'ECONNREFUSED');
  }
});

test('done, note, confirm, made and blocker: the mode is decided here, not by the caller', async () => {
  const dry = make(true);
  const real = make(false);
  for (const t of [dry, real]) {
    t.ctx.effects.done('it is done');
    t.ctx.effects.note('wait for it');
  }
  assert.is(dry.err(), '');
  assert.is(real.err(), '✓ it is done\n');
  assert.ok(dry.ctx.plan.render().endsWith('# would wait for it\n'));
  assert.ok(real.ctx.plan.empty);
  // Planning asks nothing; without a terminal or --yes a real run is not confirmed.
  assert.is(await dry.ctx.effects.confirm('Delete everything?'), true);
  assert.is(await real.ctx.effects.confirm('Delete everything?'), false);
  assert.is(await dry.ctx.effects.made(async () => 'real', 'planned'), 'planned');
  assert.is(await real.ctx.effects.made(async () => 'real', 'planned'), 'real');
  const problem = new TaskError('docker is not installed');
  dry.ctx.effects.blocker(problem);
  assert.match(
    dry.err(),
    '! docker is not installed: the plan below could not run on this machine',
  );
  assert.throws(() => real.ctx.effects.blocker(problem), /docker is not installed/);
});

test('HTTP: a query is sent in both modes, a change only when not planning', async () => {
  const dry = make(true);
  const get = await dry.ctx.effects.httpQuery({ service: 'the test API', url: `${url}/a` });
  assert.equal([get.status, get.json], [200, { ok: true }]);
  const planned = await dry.ctx.effects.httpChange(
    { describe: 'create b' },
    { service: 'the test API', url: `${url}/b`, method: 'POST', body: { x: 1 } },
  );
  assert.is(planned, undefined);
  assert.equal(requests, ['GET /a']);
  const real = make(false);
  const made = await real.ctx.effects.httpChange(
    { describe: 'create b' },
    { service: 'the test API', url: `${url}/b`, method: 'POST', body: { x: 1 } },
  );
  assert.is(made?.status, 201);
  assert.equal(requests, ['GET /a', 'POST /b']);
});

test('files: an artifact is written in both modes and checked by sha256 in the plan', async () => {
  const dry = make(true);
  const path = join(dir.path, 'out', 'values.yaml');
  dry.ctx.effects.writeArtifact(path, 'a: 1\n', 'values');
  assert.is(readFileSync(path, 'utf8'), 'a: 1\n');
  const plan = dry.ctx.plan.render();
  assert.match(plan, `# values: ${path} (sha256 `);
  const script = join(dir.path, 'plan.sh');
  writeFileSync(script, plan);
  assert.is(spawnSync('bash', [script]).status, 0, 'the file is what was planned');
  writeFileSync(path, 'a: 2\n');
  assert.is.not(spawnSync('bash', [script]).status, 0, 'a changed file stops the plan');
  // A kept file, a copy and a removal are planned as commands, and made only when running.
  const kept = join(dir.path, 'kept.txt');
  await dry.ctx.effects.writeFile(kept, 'k\n');
  await dry.ctx.effects.copyFile(path, join(dir.path, 'copy.yaml'));
  await dry.ctx.effects.remove([path]);
  assert.not.ok(existsSync(kept));
  assert.ok(existsSync(path));
  writeFileSync(script, dry.ctx.plan.render().replace(/^echo .*sha256sum.*$/m, ''));
  assert.is(spawnSync('bash', [script]).status, 0);
  assert.is(readFileSync(kept, 'utf8'), 'k\n');
  assert.is(readFileSync(join(dir.path, 'copy.yaml'), 'utf8'), 'a: 2\n');
  assert.not.ok(existsSync(path));
});

test('a temporary copy is removed when the run ends; a planned one never removes anything', async () => {
  const from = join(dir.path, 'wheel.whl');
  const to = join(dir.path, 'image', 'wheel.whl');
  writeFileSync(from, 'w');
  mkdirSync(join(dir.path, 'image'));
  writeFileSync(to, 'an earlier file the run did not make');
  const dry = make(true);
  await dry.ctx.effects.copyFile(from, to, { temporary: true });
  await dry.ctx.cleanup.runAll();
  assert.is(readFileSync(to, 'utf8'), 'an earlier file the run did not make');
  const real = make(false);
  await real.ctx.effects.copyFile(from, to, { temporary: true });
  assert.is(readFileSync(to, 'utf8'), 'w');
  await real.ctx.cleanup.runAll();
  assert.not.ok(existsSync(to));
});

test('the plan: secrets as references in words, env and base64; long stdin kept by checksum', async () => {
  const fakes = new FakeBin(dir.path);
  fakes.add('tool');
  const t = make(true);
  t.ctx.secrets.add('tok-1234567890', 'API_TOKEN');
  await t.ctx.exec.change('tool', ['--header', 'Bearer tok-1234567890'], {
    env: { TOOL_TOKEN: 'tok-1234567890' },
  });
  const b64 = Buffer.from('tok-1234567890').toString('base64');
  await t.ctx.exec.change('tool', ['apply'], { input: `data:\n  token: ${b64}\nEOF\n` });
  const long = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
  await t.ctx.exec.change('tool', ['apply', '-f', '-'], { input: `${long}\n`, describe: 'long' });
  const plan = t.ctx.plan.render();
  assert.match(
    plan,
    `TOOL_TOKEN="\${API_TOKEN:?set API_TOKEN}" tool --header 'Bearer '"\${API_TOKEN:?set API_TOKEN}"\n`,
  );
  assert.match(plan, 'tool apply <<EOF_\n'); // the body holds a line EOF: another delimiter
  assert.not.match(plan, 'tok-1234567890');
  assert.not.match(plan, b64);
  assert.not.match(plan, 'line 59');
  assert.match(plan, /\ntool apply -f - < \S+stdin-1-[0-9a-f]{12}\.txt\n/);
  // Run it: the unset variable stops it before the first command; set, the values arrive.
  const script = join(dir.path, 'plan.sh');
  writeFileSync(script, plan);
  const env = { PATH: fakes.path() };
  const unset = spawnSync('bash', [script], { env, encoding: 'utf8' });
  assert.is.not(unset.status, 0);
  assert.match(unset.stderr, 'API_TOKEN: set API_TOKEN');
  assert.equal(fakes.calls(), []);
  const run = spawnSync('bash', [script], { env: { ...env, API_TOKEN: 'real-token-42' } });
  assert.is(run.status, 0, String(run.stderr));
  const calls = fakes.calls();
  assert.equal(calls[0]!.args, ['--header', 'Bearer real-token-42']);
  assert.is(
    calls[1]!.stdin,
    `data:\n  token: ${Buffer.from('real-token-42').toString('base64')}\nEOF\n`,
  );
  assert.is(calls[2]!.stdin, `${long}\n`);
});

test('a plan cut short by an error says so and runs nothing', () => {
  const t = make(true);
  t.ctx.plan.comment('do a thing');
  const plan = t.ctx.plan.render('no such realm');
  assert.match(plan, '# INCOMPLETE: planning stopped with an error (no such realm).\n');
  const script = join(dir.path, 'plan.sh');
  writeFileSync(script, plan);
  const r = spawnSync('bash', [script], { encoding: 'utf8' });
  assert.is(r.status, 1);
  assert.match(r.stderr, 'this plan is incomplete');
});

test.run();

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CommandError, TaskError } from '../../tasks/core/errors.js';
import { tempDir } from '../support/cli.js';
import { alive } from '../support/alive.js';
import { testContext } from '../support/context.js';
import { FakeBin } from '../support/fake-bin.js';

const exec = suite('core/exec: the one road out');
let dir: ReturnType<typeof tempDir>;
let fakes: FakeBin;

exec.before.each(() => {
  dir = tempDir();
  fakes = new FakeBin(dir.path);
  fakes.add('kubectl', 'echo "out:$*"; echo "err-line" >&2');
  fakes.add('failing', 'echo "boom: secret-value-123 leaked" >&2; exit 3');
  fakes.addRaw('sleeper', 'exec sleep 30');
});
exec.after.each(() => dir.remove());

const make = (o: { dryRun?: boolean } = {}) =>
  testContext({ dryRun: o.dryRun, env: { PATH: fakes.path() }, cwd: dir.path });

exec('a query runs and returns stdout, stderr and status, with the command echoed', async () => {
  const t = make();
  const r = await t.ctx.exec.query('kubectl', ['get', 'ns', 'a b']);
  assert.is(r.stdout, 'out:get ns a b\n');
  assert.is(r.stderr, 'err-line\n');
  assert.is(r.status, 0);
  assert.equal(fakes.calls(), [{ tool: 'kubectl', args: ['get', 'ns', 'a b'], stdin: '' }]);
  assert.match(t.err(), "$ kubectl get ns 'a b'");
  assert.is(t.ctx.exec.started, 1);
});

exec('under --dry-run queries still run and changes are printed, not run', async () => {
  const t = make({ dryRun: true });
  await t.ctx.exec.query('kubectl', ['get', 'secret', 'x']);
  const r = await t.ctx.exec.change('kubectl', ['delete', 'secret', 'x', '--ignore-not-found']);
  assert.is(r, undefined);
  assert.equal(
    fakes.calls().map((c) => c.args[0]),
    ['get'],
  );
  assert.match(t.ctx.plan.render(), '\nkubectl delete secret x --ignore-not-found\n');
  assert.not.match(t.err(), 'kubectl delete', 'the plan is not progress: it is not on stderr');
});

exec(
  'a change with stdin is planned as a heredoc with secrets as references to supply',
  async () => {
    const t = make({ dryRun: true });
    t.ctx.secrets.add('s3cr3t-crypt-key', 'CRYPT_KEY');
    await t.ctx.exec.change('kubectl', ['apply', '-f', '-'], {
      input: 'stringData:\n  crypt-key: s3cr3t-crypt-key\n  note: costs $5 `now`\n',
      describe: 'Secret x',
    });
    const plan = t.ctx.plan.render();
    assert.ok(
      plan.endsWith(
        '# Secret x\nkubectl apply -f - <<EOF\nstringData:\n  crypt-key: ${CRYPT_KEY:?set CRYPT_KEY}\n  note: costs \\$5 \\`now\\`\nEOF\n',
      ),
      plan,
    );
    assert.match(plan, '\n#   CRYPT_KEY\n: "${CRYPT_KEY:?set CRYPT_KEY}"\n');
    // The plan names its cluster before its first cluster change (no kubeconfig here).
    assert.match(plan, '\n# on no kube context found in the kubeconfig\n');
    assert.not.match(plan, 's3cr3t');
    assert.is(t.err(), '');
    assert.equal(fakes.calls(), []);
  },
);

exec(
  'a change runs with stdin when not in dry-run; stdin reaches the child, not argv',
  async () => {
    const t = make();
    t.ctx.secrets.add('s3cr3t-crypt-key');
    await t.ctx.exec.change('kubectl', ['apply', '-f', '-'], {
      input: 'crypt-key: s3cr3t-crypt-key\n',
    });
    const [call] = fakes.calls();
    assert.equal(call!.args, ['apply', '-f', '-']);
    assert.is(call!.stdin, 'crypt-key: s3cr3t-crypt-key\n');
    assert.not.match(t.err(), 's3cr3t');
  },
);

exec('a registered secret on a command line is refused before anything starts', async () => {
  const t = make();
  t.ctx.secrets.add('s3cr3t-crypt-key');
  try {
    await t.ctx.exec.change('kubectl', [
      'create',
      'secret',
      'generic',
      'x',
      '--from-literal=k=s3cr3t-crypt-key',
    ]);
    assert.unreachable('should refuse');
  } catch (err) {
    assert.match((err as Error).message, 'refusing to pass a secret');
    assert.not.match((err as Error).message, 's3cr3t');
  }
  assert.equal(fakes.calls(), []);
});

exec(
  'a failing command is a CommandError with redacted command, exit code and stderr tail',
  async () => {
    const t = make();
    t.ctx.secrets.add('secret-value-123');
    try {
      await t.ctx.exec.query('failing', ['--flag']);
      assert.unreachable();
    } catch (err) {
      assert.instance(err, CommandError);
      const e = err as CommandError;
      assert.is(e.status, 3);
      assert.is(e.command, 'failing --flag');
      assert.is(e.stderrTail, 'boom: *** leaked');
      assert.match(e.message, 'exited with code 3');
      assert.not.match(e.message, 'secret-value-123');
    }
    const r = await t.ctx.exec.query('failing', [], { allowFailure: true });
    assert.is(r.status, 3);
  },
);

exec('every command has a timeout: a hung child is killed and reported', async () => {
  const t = make();
  const started = Date.now();
  try {
    await t.ctx.exec.query('sleeper', [], { timeoutMs: 300 });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CommandError);
    assert.is((err as CommandError).status, null);
    assert.match((err as Error).message, 'timed out after 0s');
  }
  assert.ok(Date.now() - started < 5000);
});

exec('a timed-out child that ignores SIGTERM is killed after the grace period', async () => {
  const pidFile = join(dir.path, 'stubborn.pid');
  // An ignored signal stays ignored across exec: this sleep cannot be stopped by SIGTERM.
  fakes.addRaw('stubborn', `echo $$ > '${pidFile}'\ntrap '' TERM\nexec sleep 30`);
  const t = testContext({ env: { PATH: fakes.path() }, cwd: dir.path, killGraceMs: 400 });
  const started = Date.now();
  try {
    await t.ctx.exec.query('stubborn', ['x'], { timeoutMs: 300 });
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CommandError);
    const e = err as CommandError;
    assert.is(e.timedOut, true);
    assert.is(e.timeoutMs, 300);
    assert.is(e.signal, 'SIGKILL', 'SIGTERM was ignored, SIGKILL ended it');
    assert.is(e.status, null);
    assert.is(e.command, 'stubborn x');
    assert.match(e.message, 'timed out after 0s: stubborn x');
  }
  const took = Date.now() - started;
  assert.ok(took >= 650 && took < 3000, `timeout + grace, not the child's 30 s (${took} ms)`);
  assert.not.ok(alive(Number(readFileSync(pidFile, 'utf8'))), 'the child is gone');
});

exec('a child ended by a signal says which; the error keeps it', async () => {
  fakes.addRaw('crasher', 'echo "about to die" >&2\nkill -SEGV $$');
  const t = make();
  try {
    await t.ctx.exec.query('crasher', []);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CommandError);
    const e = err as CommandError;
    assert.is(e.signal, 'SIGSEGV');
    assert.is(e.status, null);
    assert.is(e.timedOut, false);
    assert.is(e.stderrTail, 'about to die');
    assert.match(e.message, 'command was killed (SIGSEGV): crasher');
  }
});

exec('exit 127 from the program itself is its own failure, not "not installed"', async () => {
  // A shell would say this when a program is missing; here the program is there and says it.
  fakes.add('exits127', 'echo "sh: 1: helm-diff: not found" >&2; exit 127');
  const t = make();
  try {
    await t.ctx.exec.query('exits127', []);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CommandError);
    const e = err as CommandError;
    assert.is(e.status, 127);
    assert.is(e.notInstalled, false);
    assert.match(e.message, 'command exited with code 127: exits127');
  }
});

exec('output is decoded whole: a character split between two pipe chunks stays one', async () => {
  fakes.addRaw('euros', `exec node -e 'process.stdout.write("€".repeat(100000))'`);
  const r = await make().ctx.exec.query('euros', []);
  assert.is(r.stdout.length, 100000);
  assert.ok(r.stdout === '€'.repeat(100000));
});

exec('arguments reach the program verbatim: no shell parses them', async () => {
  const t = make();
  const marker = join(dir.path, 'pwned');
  const words = [`$(touch ${marker})`, '`id`', 'a;b', '*', "it's", '"q"', '\\', '', ' lead'];
  await t.ctx.exec.query('kubectl', words);
  assert.equal(fakes.calls()[0]!.args, words);
  assert.not.ok(existsSync(marker));
});

exec('a missing tool is one clear line; has() looks it up without starting a process', async () => {
  const t = make();
  assert.ok(t.ctx.exec.has('kubectl'));
  assert.not.ok(t.ctx.exec.has('no-such-tool-xyz'));
  try {
    await t.ctx.exec.query('no-such-tool-xyz', ['x']);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, TaskError);
    assert.is((err as TaskError).message, 'no-such-tool-xyz is not installed (not found on PATH)');
    assert.instance(err, CommandError);
    assert.is((err as CommandError).spawnError, 'ENOENT');
    assert.is((err as CommandError).notInstalled, true);
    assert.is((err as TaskError).hint, 'install no-such-tool-xyz or put it on PATH');
  }
});

exec('environment values reach the child; printed lines mask secret values', async () => {
  fakes.add('envdump', 'printf "%s" "$MY_TOKEN"');
  const t = make();
  t.ctx.secrets.add('tok-abcdef');
  const r = await t.ctx.exec.query('envdump', [], { env: { MY_TOKEN: 'tok-abcdef' } });
  assert.is(r.stdout, 'tok-abcdef');
  assert.match(t.err(), '$ MY_TOKEN=*** envdump');
});

exec('a dry-run without a cluster says so once and plans as for an empty cluster', async () => {
  fakes.add(
    'kubectl',
    'echo "The connection to the server localhost:8080 was refused" >&2; exit 1',
  );
  const t = make({ dryRun: true });
  assert.ok(await t.ctx.exec.planningOffline());
  assert.ok(await t.ctx.exec.planningOffline());
  assert.is(t.err().split('no reachable Kubernetes cluster').length - 1, 1);
  assert.is(fakes.calls().length, 1, 'reachability is asked once per run');
  const live = make();
  assert.not.ok(await live.ctx.exec.planningOffline(), 'only a dry-run plans offline');
});

exec('a background command resolves when ready and is stopped by cleanup', async () => {
  fakes.addRaw('forwarder', 'echo "Forwarding from 127.0.0.1:43210 -> 8081"; exec sleep 30');
  const t = make();
  const bg = await t.ctx.exec.background('forwarder', [], /127\.0\.0\.1:(\d+)/, 5000);
  assert.is(bg.match[1], '43210');
  bg.stop();
  fakes.addRaw('never-ready', 'exit 4');
  try {
    await t.ctx.exec.background('never-ready', [], /ready/, 5000);
    assert.unreachable();
  } catch (err) {
    assert.instance(err, CommandError);
    assert.match((err as Error).message, 'exited with code 4 before it was ready');
  }
});

exec.run();

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli, tempDir } from '../support/cli.js';

const completions = suite('core/completions: bash, zsh and fish scripts from the manifest');
let dir: ReturnType<typeof tempDir>;
completions.before.each(() => {
  dir = tempDir();
});
completions.after.each(() => dir.remove());

interface Listing {
  namespaces: { name: string; recipes: { command: string; private: boolean }[] }[];
}

async function listing(): Promise<Listing> {
  return JSON.parse((await runCli(['--list', '--json'], { cwd: dir.path })).stdout) as Listing;
}

/**
 * Loads the script in a real bash and presses TAB: sets COMP_LINE/COMP_POINT/COMP_WORDS
 * as bash would for each line and prints what the completion function offers.
 */
function pressTab(script: string, lines: string[]): string[] {
  const file = join(dir.path, 'tasks.bash');
  writeFileSync(file, script);
  const body = [
    'source "$1" || exit 9',
    'complete -p tasks && complete -p npx || exit 8',
    'tab() {',
    '  COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; COMPREPLY=()',
    '  read -ra COMP_WORDS <<< "$COMP_LINE"; [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")',
    '  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
    '  local fn; fn=$(complete -p "${COMP_WORDS[0]}" | sed -E "s/.*-F ([^ ]+).*/\\1/")',
    '  "$fn"; echo "${COMPREPLY[*]}"',
    '}',
    ...lines.map((l) => `tab '${l}'`),
  ].join('\n');
  const r = spawnSync('bash', ['-c', body, 'bash', file], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const out = r.stdout.replace(/\n$/, '').split('\n');
  assert.equal(out.slice(0, 2), [
    'complete -o default -F _tasks_complete tasks',
    'complete -o default -F _tasks_npx npx',
  ]);
  return out.slice(2);
}

completions(
  'the bash script loads in bash and completes namespaces, recipes and flags',
  async () => {
    const r = await runCli(['--completions', 'bash'], { cwd: dir.path });
    assert.is(r.code, 0, r.stderr);
    const data = await listing();
    const everything = [
      ...data.namespaces.map((n) => n.name),
      ...data.namespaces.flatMap((n) => n.recipes.filter((x) => !x.private).map((x) => x.command)),
    ];
    const [all, hub, ins, npxGet, dry, purge, param, shells, npxOther] = pressTab(r.stdout, [
      'tasks ',
      'tasks jupy',
      'tasks jupyterhub:ins',
      'npx tasks vault:ge',
      'tasks utils:random-password --dr',
      'tasks jupyterhub:uninstall --p',
      'tasks utils:check-connection ho',
      'tasks --completions ',
      'npx prettier ',
    ]);
    assert.equal(all!.split(' ').sort(), everything.sort());
    assert.ok(!all!.split(' ').includes('jupyterhub:default'));
    assert.ok(hub!.split(' ').includes('jupyterhub:install'));
    assert.ok(hub!.split(' ').every((w) => w.startsWith('jupyterhub')));
    // bash splits words at ':', so the reply is what follows the colon.
    assert.is(ins, 'install');
    assert.is(npxGet, 'get get-root');
    assert.is(dry, '--dry-run');
    assert.is(purge, '--purge');
    assert.is(param, 'host=');
    assert.is(shells, 'bash zsh fish');
    assert.is(npxOther, '');
  },
);

completions('zsh and fish scripts name every public recipe and the global flags', async () => {
  const data = await listing();
  const recipes = data.namespaces.flatMap((n) => n.recipes.filter((x) => !x.private));
  const zsh = await runCli(['--completions', 'zsh'], { cwd: dir.path });
  assert.is(zsh.code, 0);
  assert.match(zsh.stdout, /^#compdef tasks\n/);
  assert.match(zsh.stdout, 'compdef _tasks_npx npx');
  for (const r of recipes)
    assert.ok(zsh.stdout.includes(`'${r.command.replace(':', '\\:')}:`), r.command);
  const fish = await runCli(['--completions=fish'], { cwd: dir.path });
  assert.is(fish.code, 0);
  for (const r of recipes)
    assert.ok(
      fish.stdout.includes(`complete -c tasks -n 'not __tasks_recipe' -a ${r.command} -d`),
      r.command,
    );
  assert.match(
    fish.stdout,
    "complete -c tasks -l dry-run -s n -d 'print every change instead of making it'",
  );
  assert.not.match(fish.stdout, 'jupyterhub:default');
});

completions('an unknown or missing shell is a usage error', async () => {
  const r = await runCli(['--completions', 'tcsh'], { cwd: dir.path });
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.match(r.stderr, 'no completions for shell tcsh');
  const none = await runCli(['--completions'], { cwd: dir.path });
  assert.is(none.code, 2);
  assert.match(none.stderr, '--completions needs a shell');
});

completions(
  'loading the bash or zsh script gives the fast way: `tasks` runs this checkout without npm, unless already on PATH',
  async () => {
    const r = await runCli(['--completions', 'bash'], { cwd: dir.path });
    const file = join(dir.path, 'tasks.bash');
    writeFileSync(file, r.stdout);
    const node = dirname(process.execPath);
    const run = (path: string) =>
      spawnSync('bash', ['-c', 'source "$1" && type -t tasks && tasks --list', 'bash', file], {
        encoding: 'utf8',
        cwd: dir.path,
        env: { PATH: path, HOME: dir.path },
      });
    const fresh = run(`${node}:/usr/bin:/bin`);
    assert.is(fresh.status, 0, fresh.stderr);
    const [kind, ...listed] = fresh.stdout.split('\n');
    assert.is(kind, 'function');
    assert.match(listed.join('\n'), /^jupyterhub +\S/m);
    // `npm link` already put a `tasks` on PATH: the script leaves it alone.
    const linked = join(dir.path, 'linked');
    mkdirSync(linked);
    writeFileSync(join(linked, 'tasks'), '#!/bin/sh\necho linked "$@"\n', { mode: 0o755 });
    const kept = run(`${linked}:${node}:/usr/bin:/bin`);
    assert.equal([kept.status, kept.stdout], [0, 'file\nlinked --list\n'], kept.stderr);
    // zsh gets the same definition (POSIX function syntax both shells read).
    const zsh = (await runCli(['--completions', 'zsh'], { cwd: dir.path })).stdout;
    assert.ok(zsh.endsWith(r.stdout.slice(r.stdout.indexOf('# The fast way'))));
  },
);

completions.run();

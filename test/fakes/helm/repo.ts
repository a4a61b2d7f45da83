// helm repo add|update|remove|list: local helm configuration in reality (no cluster
// needed), kept in the state file so tests can see and preset it. Messages are helm's.
import { CliError, SetupError, Unsupported, type Ctx } from '../lib/io.js';
import { bool, parseArgs, str } from '../lib/args.js';
import { delay, localState } from '../lib/cluster.js';
import { mutate, readState } from '../lib/store.js';

const usage = (cmd: string, n: string, use: string): CliError =>
  new CliError(1, `Error: "helm repo ${cmd}" requires ${n}\n\nUsage:  helm repo ${use} [flags]`);

export async function repo(ctx: Ctx, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const path = localState(ctx.env);
  if (!path)
    throw new SetupError(
      'helm',
      'FAKE_CLUSTER_STATE is not set (helm repo keeps its config there)',
    );
  const opts = { tool: 'helm', cmd: `repo ${sub}`, errPrefix: 'Error: ' };
  await delay(path);
  if (sub === 'add') {
    const p = parseArgs(rest, [{ name: 'force-update', type: 'bool' }], opts);
    if (p.positional.length !== 2 || p.rest) throw usage('add', '2 arguments', 'add [NAME] [URL]');
    const [name, url] = p.positional;
    if (name.includes('/'))
      throw new CliError(
        1,
        `Error: repository name (${name}) contains '/', please specify a different name without '/'`,
      );
    const msg = mutate(path, (s) => {
      const existing = s.helmRepos.find((r) => r.name === name);
      if (existing && !bool(p, 'force-update')) {
        if (existing.url !== url)
          throw new CliError(
            1,
            `Error: repository name (${name}) already exists, please specify a different name`,
          );
        return `"${name}" already exists with the same configuration, skipping`;
      }
      if (!s.chartIndex[url]) {
        const host = url.replace(/^[a-z]+:\/\//, '').split('/')[0];
        throw new CliError(
          1,
          `Error: looks like "${url}" is not a valid chart repository or cannot be reached: Get "${url.replace(/\/$/, '')}/index.yaml": dial tcp: lookup ${host}: no such host`,
        );
      }
      s.helmRepos = [...s.helmRepos.filter((r) => r.name !== name), { name, url }];
      return `"${name}" has been added to your repositories`;
    });
    ctx.out(`${msg}\n`);
    return 0;
  }
  if (sub === 'update' || sub === 'up') {
    const p = parseArgs(rest, [], opts);
    const repos = readState(path).helmRepos;
    if (!repos.length)
      throw new CliError(1, 'Error: no repositories found. You must add one before updating');
    for (const n of p.positional)
      if (!repos.some((r) => r.name === n))
        throw new CliError(
          1,
          `Error: no repositories found matching '${n}'.  Nothing will be updated`,
        );
    const chosen = p.positional.length ? repos.filter((r) => p.positional.includes(r.name)) : repos;
    ctx.out('Hang tight while we grab the latest from your chart repositories...\n');
    for (const r of chosen)
      ctx.out(`...Successfully got an update from the "${r.name}" chart repository\n`);
    ctx.out('Update Complete. ⎈Happy Helming!⎈\n');
    return 0;
  }
  if (sub === 'remove' || sub === 'rm') {
    const p = parseArgs(rest, [], opts);
    if (!p.positional.length)
      throw usage('remove', 'at least 1 argument', 'remove [REPO1 [REPO2 ...]]');
    const res = mutate(path, (s) => {
      if (!s.helmRepos.length) return { lines: [], error: 'Error: no repositories configured' };
      const lines: string[] = [];
      for (const n of p.positional) {
        // helm writes its config after each name: earlier removals stick when a later one fails.
        if (!s.helmRepos.some((r) => r.name === n))
          return { lines, error: `Error: no repo named "${n}" found` };
        s.helmRepos = s.helmRepos.filter((r) => r.name !== n);
        lines.push(`"${n}" has been removed from your repositories`);
      }
      return { lines, error: undefined };
    });
    ctx.out(res.lines.map((l) => `${l}\n`).join(''));
    if (res.error) throw new CliError(1, res.error);
    return 0;
  }
  if (sub === 'list' || sub === 'ls') {
    const p = parseArgs(rest, [{ name: 'output', short: 'o', type: 'string' }], opts);
    const format = str(p, 'output') ?? 'table';
    const repos = readState(path).helmRepos;
    if (format === 'json') {
      ctx.out(`${JSON.stringify(repos.map((r) => ({ name: r.name, url: r.url })))}\n`);
      return 0;
    }
    if (format === 'table' && !repos.length)
      throw new CliError(1, 'Error: no repositories to show');
    if (format === 'table' || format === 'yaml')
      throw new Unsupported('helm', `helm repo list -o ${format}`);
    throw new CliError(
      1,
      `Error: invalid argument "${format}" for "-o, --output" flag: invalid format type`,
    );
  }
  throw new Unsupported('helm', `helm repo ${sub ?? ''}`);
}

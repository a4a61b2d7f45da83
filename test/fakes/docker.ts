// Fake docker and podman (one module, the name comes from the wrapper): `build -t IMAGE
// [--build-arg k=v]… DIR` (podman also `--format oci|docker`) and `push IMAGE`. A build
// records its context (the files present at that moment, so tests can check a copied wheel
// was there) and adds the image to the engine's store; push needs the image in that store.
// Daemon-down and failures simulated.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CliError, SetupError, Unsupported, type Ctx } from './lib/io.js';
import { list, parseArgs, str } from './lib/args.js';
import { localState } from './lib/cluster.js';
import { mutate, readState } from './lib/store.js';
import type { ContainerEngineSim } from './lib/types.js';

const REF =
  /^(?:[a-z0-9.-]+(?::\d+)?\/)?[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

function listFiles(dir: string, max = 2000): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (out.length >= max) return;
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

function daemonDown(tool: string): CliError {
  return tool === 'podman'
    ? new CliError(
        125,
        'Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`, or try `podman machine init` and `podman machine start` to manage a new Linux VM\n' +
          'Error: unable to connect to Podman socket: failed to connect: dial unix /run/podman/podman.sock: connect: no such file or directory',
      )
    : new CliError(
        1,
        'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      );
}

export async function run(ctx: Ctx): Promise<number> {
  const tool = ctx.tool;
  const [sub, ...rest] = ctx.argv;
  const path = localState(ctx.env);
  if (!path) throw new SetupError(tool, 'FAKE_CLUSTER_STATE is not set');
  const sim: ContainerEngineSim = (readState(path).simulations as any)[tool] ?? {};
  const errPrefix = tool === 'podman' ? 'Error: ' : 'ERROR: ';
  if (sub === 'build') {
    const p = parseArgs(
      rest,
      [
        { name: 'tag', short: 't', type: 'list' },
        { name: 'build-arg', type: 'list' },
        // podman build --format oci|docker (buildah's image formats); docker has no --format.
        ...(tool === 'podman' ? [{ name: 'format', type: 'string' as const }] : []),
      ],
      { tool, cmd: 'build', errPrefix },
    );
    const format = str(p, 'format');
    if (format !== undefined && format !== 'oci' && format !== 'docker')
      throw new CliError(125, `Error: unrecognized image type "${format}"`);
    if (p.rest) throw new Unsupported(tool, `"--" in ${tool} build`);
    if (p.positional.length !== 1) {
      if (tool === 'docker' || p.positional.length > 1)
        throw new CliError(
          1,
          `ERROR: "docker buildx build" requires exactly 1 argument.\nSee 'docker buildx build --help'.`,
        );
    }
    const tags = list(p, 'tag');
    if (!tags.length) throw new Unsupported(tool, `${tool} build without -t`);
    for (const t of tags)
      if (!REF.test(t))
        throw new CliError(
          tool === 'podman' ? 125 : 1,
          `${errPrefix}invalid tag "${t}": invalid reference format${/[A-Z]/.test(t) ? ': repository name must be lowercase' : ''}`,
        );
    const buildArgs: Record<string, string> = {};
    for (const a of list(p, 'build-arg')) {
      const eq = a.indexOf('=');
      if (eq < 0) throw new Unsupported(tool, `--build-arg ${a} (value from the environment)`);
      buildArgs[a.slice(0, eq)] = a.slice(eq + 1);
    }
    if (sim.daemonDown) throw daemonDown(tool);
    const context = resolve(ctx.cwd, p.positional[0] ?? '.');
    if (!existsSync(context) || !statSync(context).isDirectory())
      throw new CliError(
        tool === 'podman' ? 125 : 1,
        `${errPrefix}unable to prepare context: path "${p.positional[0]}" not found`,
      );
    const hasFile =
      existsSync(join(context, 'Dockerfile')) ||
      (tool === 'podman' && existsSync(join(context, 'Containerfile')));
    const files = listFiles(context);
    const ok = hasFile && !sim.failBuild;
    const id = randomBytes(32).toString('hex');
    mutate(path, (s) => {
      s.builds.push({
        tool,
        tags,
        buildArgs,
        context,
        cwd: ctx.cwd,
        files,
        env: ctx.env.DOCKER_BUILDKIT ? { DOCKER_BUILDKIT: ctx.env.DOCKER_BUILDKIT } : {},
        ok,
        time: Date.now(),
      });
      if (ok) {
        s.images[tool] ??= {};
        for (const t of tags)
          s.images[tool][t] = { id, context, created: new Date().toISOString() };
      }
    });
    if (!hasFile)
      throw tool === 'podman'
        ? new CliError(
            125,
            `Error: no Containerfile or Dockerfile specified or found in context directory, ${context}: no such file or directory`,
          )
        : new CliError(
            1,
            'ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file or directory',
          );
    if (sim.failBuild) {
      const why =
        typeof sim.failBuild === 'string'
          ? sim.failBuild
          : 'process "/bin/bash -o pipefail -c pip install buunstack-*.whl" did not complete successfully: exit code: 1';
      throw new CliError(
        1,
        tool === 'podman'
          ? `Error: building at STEP "RUN": ${why}`
          : `ERROR: failed to solve: ${why}`,
      );
    }
    if (tool === 'podman')
      ctx.out(
        `STEP 1/1: FROM scratch\nCOMMIT ${tags[0]}\nSuccessfully tagged ${tags.map((t) => (t.includes('/') ? t : `localhost/${t}`)).join('\nSuccessfully tagged ')}\n${id}\n`,
      );
    else
      ctx.err(
        `#0 building with "default" instance using docker driver\n#1 naming to ${tags[0]} done\n`,
      );
    return 0;
  }
  if (sub === 'push') {
    const p = parseArgs(rest, [], { tool, cmd: 'push', errPrefix });
    if (p.positional.length !== 1 || p.rest)
      throw new CliError(
        1,
        `"${tool} push" requires exactly 1 argument.\nSee '${tool} push --help'.`,
      );
    const image = p.positional[0];
    if (sim.daemonDown) throw daemonDown(tool);
    const known = !!readState(path).images[tool]?.[image];
    const ok = known && !sim.failPush;
    mutate(path, (s) => void s.pushes.push({ tool, image, ok, time: Date.now() }));
    if (!known)
      throw tool === 'podman'
        ? new CliError(125, `Error: ${image}: image not known`)
        : new CliError(
            1,
            `An image does not exist locally with the tag: ${image.replace(/:[^/:]+$/, '')}`,
          );
    if (sim.failPush) throw new CliError(tool === 'podman' ? 125 : 1, sim.failPush);
    const repo = image.replace(/:[^/:]+$/, '');
    ctx.out(
      tool === 'podman'
        ? 'Getting image source signatures\nWriting manifest to image destination\n'
        : `The push refers to repository [${repo}]\n${image.split(':').pop()}: digest: sha256:${randomBytes(32).toString('hex')} size: 1234\n`,
    );
    return 0;
  }
  throw new Unsupported(tool, `command ${JSON.stringify(sub ?? '')}`);
}

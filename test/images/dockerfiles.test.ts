// The two kernel image folders. The images cannot be built here (no Docker engine, no
// access to quay.io), so the Dockerfiles are parsed and checked against
// spec/images-python.md and the just module's own Dockerfiles
// (../shared/reference/upstream/jupyterhub/images), the Spark setup script is
// shellchecked and run for real against a local stand-in of the Apache download site.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { projectRoot, sharedDir } from '../../tasks/core/paths.js';
import {
  baseImages,
  copySources,
  declaredArgs,
  dockerignoreIncludes,
  envAssignments,
  instructionsOf,
  parseDockerfile,
  words,
  type Dockerfile,
  type Instruction,
} from './dockerfile.js';

const Images = suite('kernel images');

interface ImageSpec {
  dir: string;
  base: string;
  torchIndex: string;
}

const IMAGES: ImageSpec[] = [
  {
    dir: 'datastack-notebook',
    base: 'quay.io/jupyter/pytorch-notebook:python-3.12',
    torchIndex: 'https://download.pytorch.org/whl/cpu',
  },
  {
    dir: 'datastack-cuda-notebook',
    base: 'quay.io/jupyter/pytorch-notebook:x86_64-cuda12-python-3.12',
    torchIndex: 'https://download.pytorch.org/whl/cu128',
  },
];
// What jupyterhub:build-kernel-images passes with --build-arg (spec/jupyterhub.md).
const RECIPE_BUILD_ARGS = ['spark_version', 'spark_download_url', 'pip_repository_url'];
const SETUP_SCRIPT = 'setup-spark.sh';
const SAMPLE_WHEEL = 'buunstack-0.1.0-py3-none-any.whl';
// Where the Dockerfiles copy requirements.txt, constraints.txt and the patch.
const REQS_DIR = '/opt/setup-scripts/python/';
// The just module's packages whose PyPI name differs from the one it installs (with
// mamba, from conda-forge): the reasons are in images/datastack-notebook/README.md.
const PYPI_NAME: Record<string, string> = {
  dbt: 'dbt-core',
  faiss: 'faiss-cpu',
  'pandas-profiling': 'ydata-profiling',
  psycopg2: 'psycopg2-binary',
};
// In requirements.txt but not in the module's lists, each for a reason in the README.
const ADDED = ['dbt-postgres'];

const canonical = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');
const nameOf = (requirement: string): string => canonical(requirement.split(/[[<>=!~;\s]/)[0]!);

const folder = (image: ImageSpec): string => join(projectRoot, 'images', image.dir);
const load = (image: ImageSpec): Dockerfile =>
  parseDockerfile(readFileSync(join(folder(image), 'Dockerfile'), 'utf8'));

/** The module's Dockerfile: every package its mamba and pip installs name. */
function upstreamPackages(image: ImageSpec): string[] {
  const file = join(
    sharedDir(),
    'reference',
    'upstream',
    'jupyterhub',
    'images',
    image.dir,
    'Dockerfile',
  );
  const df = parseDockerfile(readFileSync(file, 'utf8'));
  const names: string[] = [];
  for (const ins of instructionsOf(df, 'RUN')) {
    for (const argv of commands(ins)) {
      const tool = argv[0] === 'mamba' || argv[0] === 'pip';
      if (!tool || argv[1] !== 'install') continue;
      // the wheel (/opt/*.whl) is not a package of the set
      for (const r of requirements(argv)) if (!r.startsWith('/')) names.push(nameOf(r));
    }
  }
  return names;
}

/** requirements.txt of an image folder: `name[extras]==version` lines. */
function pinnedRequirements(image: ImageSpec): string[] {
  return readFileSync(join(folder(image), 'requirements.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Split a shell script at `&&`, `||`, `;`, `|` and newlines outside quotes. */
function splitCommands(script: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let k = 0; k < script.length; k++) {
    const ch = script[k];
    if (quote) {
      if (ch === quote) quote = null;
      current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      current += ch;
    } else if (ch === ';' || ch === '\n' || ch === '|' || (ch === '&' && script[k + 1] === '&')) {
      if (script[k + 1] === ch) k++;
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The commands of a RUN (shell form or heredoc), as word lists. */
function commands(ins: Instruction): string[][] {
  const script = ins.heredocs.length ? ins.heredocs.map((h) => h.body).join('\n') : ins.args;
  return splitCommands(script).map(words);
}

function pipCommands(
  df: Dockerfile,
  sub: 'install' | 'uninstall',
): { ins: Instruction; argv: string[] }[] {
  return instructionsOf(df, 'RUN').flatMap((ins) =>
    commands(ins)
      .filter((argv) => argv[0] === 'pip' && argv[1] === sub)
      .map((argv) => ({ ins, argv })),
  );
}

/** Requirement arguments of a pip install (options and their values removed). */
function requirements(argv: string[]): string[] {
  const withValue = new Set([
    '--index-url',
    '-i',
    '--extra-index-url',
    '--constraint',
    '-c',
    '--cache-dir',
    '--requirement',
    '-r',
  ]);
  const out: string[] = [];
  for (let k = 2; k < argv.length; k++) {
    if (withValue.has(argv[k])) k++;
    else if (!argv[k].startsWith('-')) out.push(argv[k]);
  }
  return out;
}

function optionValue(argv: string[], name: string): string | undefined {
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === name) return argv[k + 1];
    if (argv[k].startsWith(`${name}=`)) return argv[k].slice(name.length + 1);
  }
  return undefined;
}

/** The USER in effect for each instruction (root until the first USER). */
function userAt(df: Dockerfile, target: Instruction): string {
  let user = 'root';
  for (const ins of df.instructions) {
    if (ins === target) return user;
    if (ins.keyword === 'USER') user = words(ins.args)[0];
  }
  return user;
}

function indexOf(df: Dockerfile, ins: Instruction): number {
  return df.instructions.indexOf(ins);
}

function missingTool(tool: string, aptPackage: string): Error | null {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  return probe.error ? new Error(`${tool} is missing: apt-get install -y ${aptPackage}`) : null;
}

// -- the parser itself ---------------------------------------------------------------

Images('parser: directives, continuations with comments, flags, exec form, heredocs', () => {
  const df = parseDockerfile(
    [
      '# syntax=docker/dockerfile:1',
      '# escape=\\',
      'ARG BASE=debian',
      'FROM ${BASE} AS build',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN --mount=type=cache,target=/c --mount=type=secret,id=x \\',
      '    apt-get update && \\',
      '# a comment inside the continuation',
      '',
      '    apt-get install -y jq',
      'COPY --chown=1000:100 <<EOF /etc/motd',
      'hello',
      '  world',
      'EOF',
      'ENV A=1 B="two words" C=\'x y\'',
      'ENV LEGACY value with spaces',
      'run echo lower-case keywords count',
    ].join('\n'),
  );
  assert.equal(df.directives.get('syntax'), 'docker/dockerfile:1');
  assert.equal(
    df.instructions.map((i) => i.keyword),
    ['ARG', 'FROM', 'SHELL', 'RUN', 'COPY', 'ENV', 'ENV', 'RUN'],
  );
  assert.equal(declaredArgs(df), [{ name: 'BASE', default: 'debian', stage: -1 }]);
  assert.equal(baseImages(df), ['${BASE}']);
  assert.equal(df.instructions[2].exec, ['/bin/bash', '-o', 'pipefail', '-c']);
  const run = df.instructions[3];
  assert.equal(run.flags.get('mount'), ['type=cache,target=/c', 'type=secret,id=x']);
  assert.is(run.args, 'apt-get update && apt-get install -y jq');
  assert.is(run.line, 6);
  const copy = df.instructions[4];
  assert.equal(copy.heredocs, [{ name: 'EOF', body: 'hello\n  world\n' }]);
  assert.equal(copy.flags.get('chown'), ['1000:100']);
  assert.equal(copySources(copy), { sources: [], dest: '/etc/motd' });
  assert.equal(envAssignments(df), [
    ['A', '1'],
    ['B', 'two words'],
    ['C', 'x y'],
    ['LEGACY', 'value with spaces'],
  ]);
  assert.is(df.instructions[7].stage, 0);
});

Images('parser: backtick escape, unterminated heredoc, .dockerignore rules', () => {
  const df = parseDockerfile('# escape=`\nFROM scratch\nRUN a `\n  b\n');
  assert.is(df.instructions[1].args, 'a b');
  assert.throws(() => parseDockerfile('FROM x\nRUN <<EOF\necho\n'), /not terminated/);
  const ignore = '*\n!Dockerfile\n!buunstack-*.whl\n';
  assert.ok(dockerignoreIncludes(ignore, SAMPLE_WHEEL));
  assert.not.ok(dockerignoreIncludes(ignore, 'README.md'));
  assert.not.ok(dockerignoreIncludes('build/\n', 'build/x/y.txt'));
  assert.ok(dockerignoreIncludes('*.md\n!README.md\n', 'README.md'));
});

// -- each image ----------------------------------------------------------------------

for (const image of IMAGES) {
  const name = image.dir;

  Images(`${name}: base image and a bash pipefail build shell`, () => {
    const df = load(image);
    assert.equal(baseImages(df), [image.base]);
    const shell = instructionsOf(df, 'SHELL');
    assert.is(shell.length, 1);
    assert.equal(shell[0].exec, ['/bin/bash', '-o', 'pipefail', '-c']);
    assert.ok(
      indexOf(df, shell[0]) < indexOf(df, instructionsOf(df, 'RUN')[0]),
      'SHELL before any RUN',
    );
  });

  Images(`${name}: every build arg the recipe passes is declared inside the stage`, () => {
    const args = declaredArgs(load(image));
    for (const arg of [
      ...RECIPE_BUILD_ARGS,
      'openjdk_version',
      'hadoop_version',
      'scala_version',
    ]) {
      const decl = args.find((a) => a.name === arg);
      assert.ok(decl, `ARG ${arg} is not declared`);
      // An ARG before FROM is not visible to RUN instructions.
      assert.ok(decl.stage >= 0, `ARG ${arg} is declared before FROM`);
    }
    const defaults = new Map(args.map((a) => [a.name, a.default]));
    assert.is(defaults.get('openjdk_version'), '17');
    assert.is(defaults.get('hadoop_version'), '3');
    assert.is(defaults.get('spark_version'), undefined, 'no spark_version default: latest Spark');
    assert.is(defaults.get('spark_download_url'), 'https://dlcdn.apache.org/spark/');
    assert.is(defaults.get('pip_repository_url'), 'https://pypi.org/simple/');
  });

  Images(`${name}: Java, jq, gnupg and the ClickHouse client are installed as root`, () => {
    const df = load(image);
    const installs = instructionsOf(df, 'RUN').flatMap((ins) =>
      commands(ins)
        .filter((argv) => argv[0] === 'apt-get' && argv.includes('install'))
        .map((argv) => ({ ins, argv })),
    );
    const packages = installs.flatMap(({ argv }) =>
      argv.filter((w) => !w.startsWith('-')).slice(2),
    );
    for (const pkg of [
      'openjdk-${openjdk_version}-jre-headless',
      'ca-certificates-java',
      'jq',
      'gnupg',
      'clickhouse-client',
    ]) {
      assert.ok(packages.includes(pkg), `apt-get install lacks ${pkg}: ${packages.join(' ')}`);
    }
    for (const { ins } of installs) assert.is(userAt(df, ins), 'root');
    const aptRun = installs.find(({ argv }) => argv.includes('clickhouse-client'));
    assert.ok(aptRun);
    assert.match(aptRun.ins.args, /https:\/\/packages\.clickhouse\.com\/deb stable main/);
    assert.match(aptRun.ins.args, /gpg --dearmor/);
    assert.match(aptRun.ins.args, /signed-by=\/usr\/share\/keyrings\/clickhouse-keyring\.gpg/);
  });

  Images(`${name}: Spark setup script exists, is copied and run with the build args`, () => {
    const df = load(image);
    assert.ok(existsSync(join(folder(image), SETUP_SCRIPT)), `${SETUP_SCRIPT} missing in ${name}`);
    const copy = instructionsOf(df, 'COPY').find((ins) =>
      copySources(ins).sources.includes(SETUP_SCRIPT),
    );
    assert.ok(copy, `no COPY of ${SETUP_SCRIPT}`);
    const dest = copySources(copy).dest;
    const target = dest.endsWith('/') ? `${dest}${SETUP_SCRIPT}` : dest;
    const run = instructionsOf(df, 'RUN').find((ins) =>
      commands(ins).some((argv) => argv.includes(target)),
    );
    assert.ok(run, `no RUN of ${target}`);
    assert.ok(indexOf(df, run) > indexOf(df, copy));
    assert.is(userAt(df, run), 'root');
    for (const flag of [
      '--spark-version=${spark_version}',
      '--hadoop-version=${hadoop_version}',
      '--scala-version=${scala_version}',
      '--spark-download-url=${spark_download_url}',
    ]) {
      assert.ok(words(run.args).includes(flag), `setup script not given ${flag}`);
    }
  });

  Images(`${name}: SPARK_HOME, SPARK_OPTS, JAVA_HOME and PATH`, () => {
    const env = new Map(envAssignments(load(image)));
    assert.is(env.get('SPARK_HOME'), '/usr/local/spark');
    const opts = env.get('SPARK_OPTS') ?? '';
    for (const part of ['-Xms1024M', '-Xmx4096M', '-Dlog4j.logLevel=info']) {
      assert.ok(opts.includes(`--driver-java-options=${part}`), `SPARK_OPTS lacks ${part}`);
    }
    assert.match(
      env.get('JAVA_HOME') ?? '',
      /^\/usr\/lib\/jvm\/java-\$\{openjdk_version\}-openjdk/,
    );
    const path = (env.get('PATH') ?? '').split(':');
    assert.is(path[0], '${PATH}', 'PATH keeps the base image entries first');
    assert.ok(path.includes('${SPARK_HOME}/bin'));
    assert.ok(path.includes('${JAVA_HOME}/bin'));
  });

  Images(
    `${name}: IPython kernel config is copied system-wide and keeps fd output out of cells`,
    () => {
      const df = load(image);
      const file = join(folder(image), 'ipython_kernel_config.py');
      const text = readFileSync(file, 'utf8');
      assert.match(text, /^c\.IPKernelApp\.capture_fd_output = False\b/m);
      const compiled = spawnSync(
        'python3',
        ['-c', 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")', file],
        {
          encoding: 'utf8',
        },
      );
      assert.is(compiled.status, 0, compiled.stderr);
      const copy = instructionsOf(df, 'COPY').find((ins) =>
        copySources(ins).sources.includes('ipython_kernel_config.py'),
      );
      assert.ok(copy);
      assert.is(copySources(copy).dest, '/etc/ipython/');
    },
  );

  Images(`${name}: every pip install uses pip_repository_url and a pip cache mount`, () => {
    const df = load(image);
    const installs = pipCommands(df, 'install');
    assert.ok(installs.length >= 4, 'expected torch, library set, MCP and wheel installs');
    for (const { ins, argv } of installs) {
      const index = optionValue(argv, '--index-url');
      const extra = optionValue(argv, '--extra-index-url');
      assert.ok(
        index === '${pip_repository_url}' || extra === '${pip_repository_url}',
        `line ${ins.line}: pip install without \${pip_repository_url}`,
      );
      const cacheDir = optionValue(argv, '--cache-dir');
      assert.ok(cacheDir, `line ${ins.line}: pip install without --cache-dir`);
      const mounts = ins.flags.get('mount') ?? [];
      assert.ok(
        mounts.some(
          (m) => m.split(',').includes('type=cache') && m.split(',').includes(`target=${cacheDir}`),
        ),
        `line ${ins.line}: no cache mount at ${cacheDir}`,
      );
      assert.is.not(userAt(df, ins), 'root', `line ${ins.line}: pip runs as root`);
    }
  });

  Images(
    `${name}: PyTorch comes first from its own index at its pins, then constrains the rest`,
    () => {
      const df = load(image);
      const installs = pipCommands(df, 'install');
      const torch = installs[0];
      assert.ok(torch, 'no pip install');
      assert.is(optionValue(torch.argv, '--index-url'), image.torchIndex);
      const pinsFile = optionValue(torch.argv, '--requirement');
      assert.ok(pinsFile, 'torch is installed from a pins file');
      const grep = commands(torch.ins).find(
        (a) => a[0] === 'grep' && a.includes(`${REQS_DIR}requirements.txt`),
      );
      assert.ok(grep, 'the pins come from requirements.txt');
      assert.is(grep[2], '^(torch|torchvision|torchaudio)==');
      assert.ok(torch.ins.args.includes(`> ${pinsFile}`), `the grep writes ${pinsFile}`);
      const torchPins = pinnedRequirements(image).filter((r) =>
        /^(torch|torchvision|torchaudio)==/.test(r),
      );
      assert.equal(torchPins.map(nameOf).sort(), ['torch', 'torchaudio', 'torchvision']);
      const uninstall = pipCommands(df, 'uninstall').find(({ argv }) => argv.includes('torch'));
      assert.ok(
        uninstall && uninstall.ins === torch.ins,
        "the base image's torch is removed first",
      );
      for (const { ins, argv } of installs.slice(1)) {
        assert.ok(
          argv.includes('${CONDA_DIR}/etc/torch-constraints.txt'),
          `line ${ins.line}: install without the torch constraints`,
        );
      }
    },
  );

  Images(
    `${name}: the just module's package set, each pinned, at constraints.txt's versions`,
    () => {
      const pins = pinnedRequirements(image);
      for (const r of pins) {
        assert.match(r, /^[A-Za-z0-9_.-]+(\[[a-z0-9_,-]+\])?==[0-9][^\s;]*$/, `not pinned: ${r}`);
      }
      const ours = pins.map(nameOf);
      assert.equal(
        ours.filter((n, k) => ours.indexOf(n) !== k),
        [],
        'listed twice',
      );
      const theirs = [...new Set(upstreamPackages(image).map((n) => PYPI_NAME[n] ?? n))];
      assert.ok(theirs.length > 60, `the module's lists were read (${theirs.length})`);
      assert.equal(
        theirs.filter((n) => !ours.includes(n)),
        [],
        "the module's packages missing here",
      );
      assert.equal(
        ours.filter((n) => !theirs.includes(n) && !ADDED.includes(n)),
        [],
        'added without a reason',
      );
      assert.ok(
        pins.includes('pandas==2.2.3'),
        "pandas at the version Spark's pandas API is built on",
      );
      const dlt = pins.find((r) => nameOf(r) === 'dlt') ?? '';
      for (const extra of ['clickhouse', 'duckdb', 'postgres', 'pyiceberg', 'qdrant', 's3']) {
        assert.ok(dlt.includes(extra), `dlt without its ${extra} extra`);
      }
      const locked = new Map(
        readFileSync(join(folder(image), 'constraints.txt'), 'utf8')
          .split('\n')
          .filter((l) => /^[A-Za-z0-9]/.test(l))
          .map((l) => [nameOf(l), l.split('==')[1]!.trim()] as const),
      );
      for (const r of pins) {
        assert.is(locked.get(nameOf(r)), r.split('==')[1], `constraints.txt disagrees on ${r}`);
      }
      const main = pipCommands(load(image), 'install').find(({ argv }) =>
        argv.includes(`${REQS_DIR}requirements.txt`),
      );
      assert.ok(main, 'requirements.txt is installed');
      assert.ok(main.argv.includes(`${REQS_DIR}constraints.txt`), 'with constraints.txt');
    },
  );

  Images(`${name}: jupyter-mcp-server with the pycrdt swap, extension enabled, pager patch`, () => {
    const df = load(image);
    const pins = pinnedRequirements(image).map(nameOf);
    for (const pkg of ['jupyter-mcp-server', 'jupyter-mcp-tools', 'datalayer-pycrdt']) {
      assert.ok(pins.includes(pkg), `${pkg} is not in requirements.txt`);
    }
    const order = instructionsOf(df, 'RUN').flatMap((ins) => commands(ins));
    const at = (pred: (argv: string[]) => boolean): number => order.findIndex(pred);
    const main = at(
      (a) => a[0] === 'pip' && a[1] === 'install' && a.includes(`${REQS_DIR}requirements.txt`),
    );
    const uninstall = at(
      (a) =>
        a[0] === 'pip' &&
        a[1] === 'uninstall' &&
        a.includes('pycrdt') &&
        a.includes('datalayer_pycrdt'),
    );
    const fork = at(
      (a) =>
        a[0] === 'pip' &&
        a[1] === 'install' &&
        a.includes('--no-deps') &&
        a.some((w) => w.includes("grep -E '^datalayer-pycrdt=='")),
    );
    const enable = at(
      (a) =>
        a.join(' ').startsWith('jupyter server extension enable') &&
        a.includes('jupyter_mcp_server'),
    );
    assert.ok(
      main >= 0 && uninstall > main && fork > uninstall,
      'install the set, remove pycrdt and the fork, reinstall the fork alone',
    );
    assert.ok(enable > fork, 'jupyter_mcp_server is enabled');
    assert.ok(
      order[enable].includes('--sys-prefix'),
      'enabled in the environment, not in ~/.jupyter',
    );
    const reinstall = order.findIndex(
      (a, k) =>
        k > uninstall &&
        a[0] === 'pip' &&
        a[1] === 'install' &&
        !a.includes('--no-deps') &&
        a.some((w) => w.endsWith('requirements.txt')),
    );
    assert.is(reinstall, -1, 'nothing reinstalls upstream pycrdt after the swap');
    const patch = at((a) => a[0] === 'patch' && a.includes('-p1'));
    assert.ok(patch > enable, 'jupyter-server-nbmodel is patched');
    const patchRun = instructionsOf(df, 'RUN').find((ins) => ins.args.includes('patch -p1'));
    assert.ok(patchRun?.args.includes(`< ${REQS_DIR}fix-nbmodel-pager.patch`));
    assert.ok(
      patchRun?.args.includes('import jupyter_server_nbmodel'),
      'applied inside the installed package',
    );
    assert.ok(existsSync(join(folder(image), 'fix-nbmodel-pager.patch')));
  });

  Images(`${name}: the buunstack wheel is copied and installed last`, () => {
    const df = load(image);
    const copy = instructionsOf(df, 'COPY').find((ins) =>
      copySources(ins).sources.includes('buunstack-*.whl'),
    );
    assert.ok(copy, 'no COPY buunstack-*.whl');
    const dest = copySources(copy).dest;
    assert.ok(dest.endsWith('/'), 'a wildcard COPY needs a directory destination');
    const installs = pipCommands(df, 'install');
    const last = installs[installs.length - 1];
    assert.equal(requirements(last.argv), [`${dest}buunstack-*.whl`]);
    assert.ok(indexOf(df, last.ins) > indexOf(df, copy));
    assert.is.not(userAt(df, last.ins), 'root');
  });

  Images(`${name}: EXPOSE 4040, WORKDIR \${HOME}, runs as the notebook user`, () => {
    const df = load(image);
    assert.ok(instructionsOf(df, 'EXPOSE').some((ins) => words(ins.args).includes('4040')));
    const workdirs = instructionsOf(df, 'WORKDIR');
    assert.is(words(workdirs[workdirs.length - 1].args)[0], '${HOME}');
    const users = instructionsOf(df, 'USER');
    assert.is(words(users[users.length - 1].args)[0], '${NB_UID}');
  });

  Images(`${name}: .dockerignore sends every file the Dockerfile copies`, () => {
    const ignore = readFileSync(join(folder(image), '.dockerignore'), 'utf8');
    const sources = instructionsOf(load(image), 'COPY').flatMap((ins) => copySources(ins).sources);
    assert.ok(sources.length >= 3);
    for (const source of sources) {
      const sample = source === 'buunstack-*.whl' ? SAMPLE_WHEEL : source;
      assert.not.match(sample, /[*?]/, `unexpected wildcard COPY source ${source}`);
      assert.ok(
        existsSync(join(folder(image), sample)) || sample === SAMPLE_WHEEL,
        `${sample} missing`,
      );
      assert.ok(dockerignoreIncludes(ignore, sample), `.dockerignore excludes ${sample}`);
    }
    assert.not.ok(dockerignoreIncludes(ignore, 'README.md'), 'the README stays out of the context');
  });

  Images(`${name}: ${SETUP_SCRIPT} is shellcheck clean`, () => {
    const missing = missingTool('shellcheck', 'shellcheck');
    if (missing) throw missing;
    const result = spawnSync(
      'shellcheck',
      ['--shell=bash', '--severity=style', join(folder(image), SETUP_SCRIPT)],
      {
        encoding: 'utf8',
      },
    );
    assert.is(result.status, 0, result.stdout + result.stderr);
  });
}

Images('the two image folders share their support files and differ only where intended', () => {
  const [cpu, cuda] = IMAGES;
  for (const file of [
    SETUP_SCRIPT,
    'ipython_kernel_config.py',
    '.dockerignore',
    'constraints.txt',
    'fix-nbmodel-pager.patch',
  ]) {
    assert.is(
      readFileSync(join(folder(cuda), file), 'utf8'),
      readFileSync(join(folder(cpu), file), 'utf8'),
      file,
    );
  }
  const normalized = (image: ImageSpec): string[] =>
    load(image).instructions.map((ins) => {
      const flags = [...ins.flags].map(([k, v]) => `--${k}=${v.join('|')}`).join(' ');
      return `${ins.keyword} ${flags} ${ins.args}`
        .replace(image.base, '<base>')
        .replace(image.torchIndex, '<torch-index>');
    });
  assert.equal(normalized(cuda), normalized(cpu));
});

// -- setup-spark.sh, run for real ----------------------------------------------------

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Asynchronous on purpose: the stand-in download site runs in this process, so a
// synchronous spawn would block the very server the script downloads from.
function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    let file = join(root, path);
    if (file.endsWith('/')) file = join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200).end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/spark/` });
    }),
  );
}

/** A fake release: <site>/spark-<v>/<name>.tgz with its .sha512 in the given format. */
function publish(
  site: string,
  version: string,
  name: string,
  checksum: 'plain' | 'gpg' | 'wrong',
): void {
  const build = mkdtempSync(join(tmpdir(), 'spark-build-'));
  mkdirSync(join(build, name, 'sbin'), { recursive: true });
  mkdirSync(join(build, name, 'conf'), { recursive: true });
  writeFileSync(join(build, name, 'sbin', 'spark-config.sh'), 'export SPARK_CONF_DIR=conf\n');
  writeFileSync(join(build, name, 'conf', 'spark-defaults.conf.template'), '# defaults\n');
  const dir = join(site, `spark-${version}`);
  mkdirSync(dir, { recursive: true });
  const tgz = join(dir, `${name}.tgz`);
  const tar = spawnSync('tar', ['-czf', tgz, '-C', build, name], { encoding: 'utf8' });
  rmSync(build, { recursive: true, force: true });
  assert.is(tar.status, 0, tar.stderr);
  let hex = createHash('sha512').update(readFileSync(tgz)).digest('hex');
  if (checksum === 'wrong') hex = hex.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const text =
    checksum === 'gpg'
      ? // gpg --print-md style: upper case, grouped, wrapped over lines.
        `${name}.tgz: ${hex
          .toUpperCase()
          .match(/.{8}/g)!
          .reduce(
            (acc, group, n) => acc + (n === 0 ? '' : n % 8 === 0 ? '\n ' : ' ') + group,
            '',
          )}\n`
      : `${hex}  ${name}.tgz\n`;
  writeFileSync(`${tgz}.sha512`, text);
}

Images('setup-spark.sh installs the newest release, verifies it and links it', async () => {
  for (const [tool, pkg] of [
    ['curl', 'curl'],
    ['tar', 'tar'],
    ['sha512sum', 'coreutils'],
  ]) {
    const missing = missingTool(tool, pkg);
    if (missing) throw missing;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'setup-spark-'));
  const site = join(tmp, 'www', 'spark');
  mkdirSync(site, { recursive: true });
  publish(site, '3.5.6', 'spark-3.5.6-bin-hadoop3', 'plain');
  publish(site, '4.0.1', 'spark-4.0.1-bin-hadoop3', 'plain');
  publish(site, '4.0.1', 'spark-4.0.1-bin-hadoop3-scala2.13', 'gpg');
  publish(site, '3.4.4', 'spark-3.4.4-bin-hadoop3', 'wrong');
  writeFileSync(
    join(site, 'index.html'),
    ['3.4.4', '3.5.6', '4.0.1', '4.1.0-preview1', '10.0.0-preview2']
      .map((v) => `<a href="spark-${v}/">spark-${v}/</a>`)
      .join('\n'),
  );
  const { server, url } = await serve(join(tmp, 'www'));
  const script = join(folder(IMAGES[0]), SETUP_SCRIPT);
  try {
    // No version: the newest stable release (previews skipped, versions compared numerically).
    const latest = join(tmp, 'latest');
    const r1 = await run('bash', [
      script,
      `--spark-download-url=${url}`,
      '--spark-version=',
      `--prefix=${latest}`,
    ]);
    assert.is(r1.status, 0, r1.stderr);
    assert.match(r1.stderr, /latest release: 4\.0\.1/);
    assert.is(readlinkSync(join(latest, 'spark')), join(latest, 'spark-4.0.1-bin-hadoop3'));
    assert.is(
      readlinkSync(join(latest, 'bin', 'before-notebook.d', '10spark-config.sh')),
      join(latest, 'spark', 'sbin', 'spark-config.sh'),
    );
    assert.not.ok(
      existsSync(join(latest, 'spark', 'conf', 'spark-defaults.conf')),
      'Spark 4 needs no Netty fix',
    );

    // A pinned version with a Scala build and a gpg-style checksum; URL without trailing slash.
    const pinned = join(tmp, 'pinned');
    const r2 = await run('bash', [
      script,
      '--spark-version=4.0.1',
      '--hadoop-version=3',
      '--scala-version=2.13',
      `--spark-download-url=${url.replace(/\/$/, '')}`,
      `--prefix=${pinned}`,
    ]);
    assert.is(r2.status, 0, r2.stderr);
    assert.is(
      readlinkSync(join(pinned, 'spark')),
      join(pinned, 'spark-4.0.1-bin-hadoop3-scala2.13'),
    );

    // Spark 3 gets the Netty reflection options for Arrow on Java 17.
    const old = join(tmp, 'old');
    const r3 = await run('bash', [
      script,
      '--spark-version=3.5.6',
      `--spark-download-url=${url}`,
      `--prefix=${old}`,
    ]);
    assert.is(r3.status, 0, r3.stderr);
    assert.match(
      readFileSync(join(old, 'spark', 'conf', 'spark-defaults.conf'), 'utf8'),
      /tryReflectionSetAccessible=true/,
    );

    // A tarball that does not match its checksum is not installed.
    const bad = join(tmp, 'bad');
    const r4 = await run('bash', [
      script,
      '--spark-version=3.4.4',
      `--spark-download-url=${url}`,
      `--prefix=${bad}`,
    ]);
    assert.is.not(r4.status, 0);
    assert.match(r4.stderr, /checksum mismatch/);
    assert.not.ok(existsSync(join(bad, 'spark')));

    // Versions are validated before they reach a URL or a path.
    const r5 = await run('bash', [
      script,
      '--spark-version=4.0.1/../x',
      `--spark-download-url=${url}`,
      `--prefix=${bad}`,
    ]);
    assert.is(r5.status, 1);
    assert.match(r5.stderr, /bad --spark-version/);
    const r6 = await run('bash', [script, '--no-such-option']);
    assert.is(r6.status, 2);
  } finally {
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

Images.run();

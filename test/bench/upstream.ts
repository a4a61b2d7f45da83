// The just module itself (../shared/reference/upstream) run against the same fake world
// as our install: the real `just` (from PyPI), the real gomplate, dotenvx and tsx for its Keycloak
// script, the fake kubectl/helm, and the Keycloak test server behind the same delay (over
// TLS: the script always speaks https). For the benchmark's side-by-side figures.
import { spawnSync } from 'node:child_process';
import { timedRun } from './traced-run.js';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { projectRoot, sharedDir } from '../../tasks/core/paths.js';
import { ensureGomplate } from '../gomplate/gomplate.js';
import { ALL_OFF, startScenario } from '../support/scenario.js';
import { startDelayProxy } from './delay-proxy.js';

export interface UpstreamRun {
  wallMs: number;
  /** every process the run started (strace, in a second identical run) */
  processes: number;
  /** kubectl and helm calls */
  clusterCalls: number;
  exit: number | null;
}

const UPSTREAM = join(sharedDir(), 'reference', 'upstream');
const JUST_VERSION = '1.59.0';

/**
 * The real `just`, from PyPI's rust-just wheel (a static binary), kept in the tools cache:
 * npm's rust-just records only this platform's binary in the lock file, which breaks `npm ci`.
 */
function ensureJust(): string {
  const cache = process.env.BUUN_TOOLS_CACHE ?? join(homedir(), '.cache', 'buun-stack-tasks');
  const dir = join(cache, `just-${JUST_VERSION}`);
  const bin = join(dir, 'bin', 'just');
  if (existsSync(bin)) return bin;
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const r = spawnSync(
    python,
    [
      '-m',
      'pip',
      'install',
      '-q',
      '--disable-pip-version-check',
      '--target',
      dir,
      `rust-just==${JUST_VERSION}`,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (r.status !== 0 || !existsSync(bin))
    throw new Error(`could not get just ${JUST_VERSION} from PyPI: ${r.stderr ?? r.error}`);
  return bin;
}

/** The buun-stack checkout the module expects: its root justfile with the modules we have. */
function checkout(dir: string): void {
  const modules = ['env', 'external-secrets', 'jupyterhub', 'k8s', 'keycloak', 'utils', 'vault'];
  for (const m of modules) cpSync(join(UPSTREAM, m), join(dir, m), { recursive: true });
  const root = readFileSync(join(UPSTREAM, 'justfile'), 'utf8')
    .split('\n')
    .filter((l) => !/^mod /.test(l) || modules.includes(l.slice(4).trim()))
    .join('\n');
  writeFileSync(join(dir, 'justfile'), root);
  writeFileSync(join(dir, '.env.local'), '');
  // just runs recipe lines with the `sh` on PATH, and the module writes bash there
  // (`cmd &>/dev/null || …`); under Debian's dash that backgrounds cmd and create-namespace
  // never creates the namespace. Its authors' sh is bash: so is this one.
  mkdirSync(join(dir, 'sh-is-bash'));
  symlinkSync('/bin/bash', join(dir, 'sh-is-bash', 'sh'));
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
}

function selfSignedCert(dir: string): { key: string; cert: string; file: string } {
  const key = join(dir, 'tls.key');
  const file = join(dir, 'tls.crt');
  const r = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    file,
  ]);
  if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(file, 'utf8'), file };
}

/**
 * `just jupyterhub::install` with every feature off (the minimal install), every
 * kubectl/helm call and Keycloak request delayed `delayMs`, the hub ready `readyAfterMs`
 * after helm created it. Throws when a tool it needs is missing.
 */
export async function measureUpstreamInstall(
  delayMs = 100,
  readyAfterMs = 2000,
): Promise<UpstreamRun> {
  if (!existsSync(UPSTREAM)) throw new Error(`the just module is not at ${UPSTREAM}`);
  const gomplate = ensureGomplate();
  const just = ensureJust();
  const once = async (traced: boolean) => {
    const sc = await startScenario({
      cluster: (s) => {
        s.delayMs = delayMs;
        s.simulations.deploymentsReadyAfterMs = readyAfterMs;
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'bench-upstream-'));
    checkout(dir);
    const tls = selfSignedCert(dir);
    const keycloak = await startDelayProxy(sc.keycloak.url, delayMs, tls);
    try {
      const env = {
        ...sc.env,
        ...ALL_OFF,
        PATH: [
          join(dir, 'sh-is-bash'),
          sc.env.PATH!.split(delimiter)[0]!,
          dirname(just),
          join(projectRoot, 'node_modules', '.bin'),
          dirname(gomplate),
          dirname(process.execPath),
          process.env.PATH ?? '',
        ].join(delimiter),
        KEYCLOAK_HOST: new URL(keycloak.url).host,
        KEYCLOAK_REALM: 'buunstack',
        // Within the realm's SSO session limits: Keycloak refuses a client that exceeds them
        // (our install caps them itself; the just module fails).
        JUPYTERHUB_OIDC_CLIENT_SESSION_IDLE: '7200',
        JUPYTERHUB_OIDC_CLIENT_SESSION_MAX: '86400',
        NODE_EXTRA_CA_CERTS: tls.file,
      };
      const r = await timedRun('just', ['jupyterhub::install'], {
        cwd: dir,
        env,
        ...(traced && { traceDir: dir }),
      });
      if (r.code !== 0)
        throw new Error(`just jupyterhub::install exited ${r.code}:\n${r.stderr.slice(-2000)}`);
      return {
        wallMs: r.wallMs,
        processes: r.processes ?? 0,
        clusterCalls: sc.fc.calls().length,
        exit: r.code,
      };
    } finally {
      await keycloak.close();
      await sc.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const timed = await once(false);
  const traced = await once(true);
  return { ...timed, processes: traced.processes };
}

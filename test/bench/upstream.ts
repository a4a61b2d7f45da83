// The just module itself (../shared/reference/upstream) run against the same fake world
// as our install: the real `just` (from PyPI), the real gomplate, dotenvx and tsx for its Keycloak
// script, the fake kubectl/helm, and the Keycloak test server behind the same delay (over
// TLS: the script always speaks https). For the benchmark's side-by-side figures.
import { spawnSync } from 'node:child_process';
import { timedRun } from './traced-run.js';
import { selfSignedCert } from './tls.js';
import { startBao } from './bao.js';
import { withExternalSecrets } from '../fakes/index.js';
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
import { ALL_OFF, ALL_ON, startScenario } from '../support/scenario.js';
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

/**
 * `just jupyterhub::install` on a fresh fake cluster, every kubectl/helm call and Vault and
 * Keycloak request delayed `delayMs`, the hub ready `readyAfterMs` after helm created it.
 * minimal: every feature off. full: every feature on (as our full scenario), against a
 * real Vault (OpenBao dev server at `baoBin`, fresh for each run) behind an HTTPS delay
 * proxy, with a `vault` → bao shim on the module's PATH; VAULT_TOKEN in the environment,
 * as an operator's .env.local holds it (the module's `vault::put` would otherwise log in
 * with OIDC). Throws when a tool it needs is missing or the module fails.
 */
export async function measureUpstreamInstall(
  scenario: 'minimal' | 'full' = 'minimal',
  o: { delayMs?: number; readyAfterMs?: number; baoBin?: string } = {},
): Promise<UpstreamRun> {
  const { delayMs = 100, readyAfterMs = 2000, baoBin } = o;
  const full = scenario === 'full';
  if (full && !baoBin) throw new Error('the full install needs a Vault: no bao binary given');
  if (!existsSync(UPSTREAM)) throw new Error(`the just module is not at ${UPSTREAM}`);
  const gomplate = ensureGomplate();
  const just = ensureJust();
  const once = async (traced: boolean) => {
    const bao = full ? await startBao(baoBin!) : undefined;
    const sc = await startScenario({
      vault: full,
      prometheus: full,
      nvidia: full,
      cluster: (s) => {
        // ESO reads the Vault in-cluster: straight to it, no delay.
        if (bao) withExternalSecrets(s, { vaultAddress: bao.url, vaultToken: bao.rootToken });
        s.delayMs = delayMs;
        s.simulations.deploymentsReadyAfterMs = readyAfterMs;
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'bench-upstream-'));
    const closers: Array<() => Promise<void>> = [];
    try {
      checkout(dir);
      const tls = selfSignedCert(dir);
      const keycloak = await startDelayProxy(sc.keycloak.url, delayMs, tls);
      closers.push(keycloak.close);
      const vault = bao && (await startDelayProxy(bao.url, delayMs, tls));
      if (vault) closers.push(vault.close);
      const shims = join(dir, 'vault-is-bao');
      mkdirSync(shims);
      if (bao) symlinkSync(bao.bin, join(shims, 'vault'));
      const env = {
        ...sc.env,
        ...(full ? ALL_ON : ALL_OFF),
        PATH: [
          join(dir, 'sh-is-bash'),
          // before the fakes, which hold a fake vault
          shims,
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
        ...(vault && {
          VAULT_HOST: new URL(vault.url).host,
          VAULT_TOKEN: bao!.rootToken,
          VAULT_CACERT: tls.file,
        }),
      };
      const r = await timedRun('just', ['jupyterhub::install', ...(bao ? [bao.rootToken] : [])], {
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
      for (const c of closers) await c();
      await sc.close();
      await bao?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const timed = await once(false);
  const traced = await once(true);
  return { ...timed, processes: traced.processes };
}

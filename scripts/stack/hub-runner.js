// The hub runner: a kubelet for the one pod of the local stack that must really run.
// Started by hub.js (node hub-runner.js <config.json>), it polls the API server about once
// a second for the Z2JH hub Deployment (label component=hub, any namespace). When one
// appears, or its Deployment, ConfigMap or Secret (or the proxy's Deployment, or the
// user-scheduler's ConfigMap) change, it (re)starts, from what is in the cluster:
//   - configurable-http-proxy with the proxy Deployment's command and auth token, on
//     127.0.0.1 and the stack's ports;
//   - JupyterHub with the hub container's command, args and environment resolved as a
//     kubelet does, its volumes laid out under the state dir (see hub/sitecustomize.py for
//     how the pod paths reach them), and hub/local_config.py appended to the chart's
//     jupyterhub_config.py for what must differ on this machine;
//   - when the chart enables it, the user-scheduler: the real kube-scheduler with the
//     chart's KubeSchedulerConfiguration.
// When the Deployment goes away (uninstall) it stops them. Every (re)start is logged with
// its reason; a process that exits is restarted with a growing back-off, like a kubelet.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { kubeClient, loadKubeconfig } from './kube-api.js';
import { alive, daemon, ensureDir, logFileOf, stateRoot } from './lib.js';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const here = fileURLToPath(new URL('.', import.meta.url));
const kube = kubeClient(cfg.kubeconfig, { timeoutMs: 10_000 });
const apiserver = new URL(loadKubeconfig(cfg.kubeconfig).server);
const pollMs = 1_000;

const log = (msg) => process.stdout.write(`${new Date().toISOString()} ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sha = (v) =>
  createHash('sha256')
    .update(JSON.stringify(v ?? null))
    .digest('hex');
const b64 = (s) => Buffer.from(s, 'base64');

/** A missing object or key the pod needs: the kubelet waits (CreateContainerConfigError). */
class Waiting extends Error {}

async function get(path) {
  try {
    return await kube('GET', path);
  } catch (err) {
    if (err.status === 404) return undefined;
    throw err;
  }
}
const core = (ns, kind, name) => get(`/api/v1/namespaces/${ns}/${kind}/${name}`);
const labelQuery = (selector) =>
  `labelSelector=${encodeURIComponent(
    Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  )}`;

// ── status, for hub.js and the tests ────────────────────────────────────────────────
// lastPoll: when the latest poll began, and whether what runs then matched what it saw in
// the cluster (the hub started from those objects, or nothing to run and nothing
// running). A poll begun after a change that finds it so, with the hub ready, means the
// runner has acted on that change: what the suites wait for instead of a fixed time.
const status = { pid: process.pid, polled: false, hub: { phase: 'absent' }, restarts: 0 };
function writeStatus() {
  // whole or not at all: the tests read it while the runner writes
  const tmp = `${cfg.statusFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(status, null, 2)}\n`);
  renameSync(tmp, cfg.statusFile);
}

// ── the pod's environment ───────────────────────────────────────────────────────────

/** $(VAR) references as the kubelet expands them in env values, command and args. */
const expand = (s, env) =>
  String(s).replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name) =>
    m === '$$' ? '$' : name in env ? env[name] : m,
  );

/**
 * The Service links a pod sees (enableServiceLinks): the namespace's Services, with those
 * this stack serves on loopback (hub, proxy-api, proxy-public) at 127.0.0.1 and our port.
 */
function serviceEnv(services, local) {
  const env = {};
  for (const svc of services) {
    const name = svc.metadata.name;
    const at = local[name];
    const host = at ? '127.0.0.1' : svc.spec.clusterIP;
    if (!host || host === 'None' || !svc.spec.ports?.length) continue;
    const prefix = name.toUpperCase().replaceAll('-', '_');
    const ports = svc.spec.ports.map((p, i) => ({ ...p, port: at && i === 0 ? at : p.port }));
    env[`${prefix}_SERVICE_HOST`] = host;
    env[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) {
      if (p.name)
        env[`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replaceAll('-', '_')}`] = String(p.port);
      const proto = p.protocol ?? 'TCP';
      const key = `${prefix}_PORT_${p.port}_${proto}`;
      env[key] = `${proto.toLowerCase()}://${host}:${p.port}`;
      env[`${key}_PROTO`] = proto.toLowerCase();
      env[`${key}_PORT`] = String(p.port);
      env[`${key}_ADDR`] = host;
    }
    env[`${prefix}_PORT`] =
      `${(ports[0].protocol ?? 'TCP').toLowerCase()}://${host}:${ports[0].port}`;
  }
  return env;
}

function fieldRef(pod, path) {
  const m = path.match(/^metadata\.(labels|annotations)\['(.+)'\]$/);
  if (m) return pod.metadata[m[1]]?.[m[2]] ?? '';
  const fields = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': pod.spec.nodeName,
    'spec.serviceAccountName': pod.spec.serviceAccountName,
    'status.podIP': '127.0.0.1',
    'status.hostIP': '127.0.0.1',
  };
  if (!(path in fields)) throw new Error(`fieldRef ${path} is not supported by the hub runner`);
  return fields[path] ?? '';
}

/** Reads Secrets and ConfigMaps once per (re)start. */
function objectCache(ns) {
  const seen = new Map();
  return async (kind, name) => {
    const key = `${kind}/${name}`;
    if (!seen.has(key)) seen.set(key, await core(ns, kind, name));
    return seen.get(key);
  };
}

async function keyOf(lookup, kind, ref) {
  const obj = await lookup(kind, ref.name);
  const raw =
    kind === 'secrets'
      ? obj?.data?.[ref.key]
      : (obj?.data?.[ref.key] ?? obj?.binaryData?.[ref.key]);
  if (raw === undefined) {
    if (ref.optional) return undefined;
    throw new Waiting(
      `${kind === 'secrets' ? 'Secret' : 'ConfigMap'} ${ref.name}${obj ? ` has no key ${ref.key}` : ' not found'}`,
    );
  }
  return kind === 'secrets' || obj?.binaryData?.[ref.key] !== undefined
    ? b64(raw).toString('utf8')
    : raw;
}

/** The container's environment as the kubelet builds it: Service links, envFrom, env. */
async function containerEnv(container, pod, lookup, services) {
  const env = { ...services };
  for (const from of container.envFrom ?? []) {
    const [kind, ref] = from.secretRef
      ? ['secrets', from.secretRef]
      : ['configmaps', from.configMapRef];
    const obj = await lookup(kind, ref.name);
    if (!obj) {
      if (ref.optional) continue;
      throw new Waiting(`${kind === 'secrets' ? 'Secret' : 'ConfigMap'} ${ref.name} not found`);
    }
    for (const [k, v] of Object.entries(obj.data ?? {}))
      env[`${from.prefix ?? ''}${k}`] = kind === 'secrets' ? b64(v).toString('utf8') : v;
  }
  for (const e of container.env ?? []) {
    const vf = e.valueFrom;
    let v;
    if (!vf) v = expand(e.value ?? '', env);
    else if (vf.secretKeyRef) v = await keyOf(lookup, 'secrets', vf.secretKeyRef);
    else if (vf.configMapKeyRef) v = await keyOf(lookup, 'configmaps', vf.configMapKeyRef);
    else if (vf.fieldRef) v = fieldRef(pod, vf.fieldRef.fieldPath);
    else
      throw new Error(
        `env ${e.name}: ${Object.keys(vf).join(',')} is not supported by the hub runner`,
      );
    if (v !== undefined) env[e.name] = v;
  }
  return env;
}

// ── the pod's volumes ───────────────────────────────────────────────────────────────

/** A ServiceAccount token bound to the pod, as the kubelet projects it. */
async function serviceAccountToken(pod, { audience, expirationSeconds = 3607 } = {}) {
  const sa = pod.spec.serviceAccountName || 'default';
  const r = await kube(
    'POST',
    `/api/v1/namespaces/${pod.metadata.namespace}/serviceaccounts/${sa}/token`,
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {
        ...(audience && { audiences: [audience] }),
        expirationSeconds,
        boundObjectRef: {
          apiVersion: 'v1',
          kind: 'Pod',
          name: pod.metadata.name,
          uid: pod.metadata.uid,
        },
      },
    },
  );
  return r.status.token;
}

/** Files of a configMap/secret source: [{ path, data: Buffer, mode }]. */
async function keyFiles(lookup, kind, src, defaultMode) {
  const name = kind === 'secrets' ? (src.secretName ?? src.name) : src.name;
  const obj = await lookup(kind, name);
  if (!obj) {
    if (src.optional) return [];
    throw new Waiting(
      `${kind === 'secrets' ? 'Secret' : 'ConfigMap'} ${name} (a volume) not found`,
    );
  }
  const data = (k) =>
    kind === 'secrets' || obj.binaryData?.[k] !== undefined
      ? b64(obj.data?.[k] ?? obj.binaryData[k])
      : Buffer.from(obj.data[k]);
  const keys = [...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})];
  if (!src.items) return keys.map((k) => ({ path: k, data: data(k), mode: defaultMode }));
  return src.items.flatMap((it) => {
    if (!keys.includes(it.key)) {
      if (src.optional) return [];
      throw new Waiting(`${name} has no key ${it.key} (a volume item)`);
    }
    return [{ path: it.path, data: data(it.key), mode: it.mode ?? defaultMode }];
  });
}

/**
 * Lays one volume out in dir. Returns the directory mounts must link rather than copy
 * (an emptyDir, shared by the containers; a persistent volume, which outlives the pod),
 * or undefined.
 */
async function materialiseVolume(vol, dir, pod, lookup) {
  const write = (files) => {
    for (const f of files) {
      const file = join(dir, f.path);
      ensureDir(dirname(file));
      writeFileSync(file, f.data);
      chmodSync(file, f.mode ?? 0o644);
    }
  };
  if (vol.configMap)
    return write(await keyFiles(lookup, 'configmaps', vol.configMap, vol.configMap.defaultMode));
  if (vol.secret)
    return write(await keyFiles(lookup, 'secrets', vol.secret, vol.secret.defaultMode));
  if (vol.emptyDir) {
    // shared by the pod's containers (the hub and its sidecars), so linked, not copied
    chmodSync(ensureDir(dir), 0o777);
    return dir;
  }
  if (vol.downwardAPI || vol.projected) {
    const sources = vol.projected?.sources ?? [{ downwardAPI: vol.downwardAPI }];
    const mode = (vol.projected ?? vol.downwardAPI).defaultMode;
    for (const s of sources) {
      if (s.configMap) write(await keyFiles(lookup, 'configmaps', s.configMap, mode));
      else if (s.secret) write(await keyFiles(lookup, 'secrets', s.secret, mode));
      else if (s.downwardAPI)
        write(
          s.downwardAPI.items.map((it) => ({
            path: it.path,
            data: Buffer.from(fieldRef(pod, it.fieldRef.fieldPath)),
            mode: it.mode ?? mode,
          })),
        );
      else if (s.serviceAccountToken)
        write([
          {
            path: s.serviceAccountToken.path,
            data: Buffer.from(await serviceAccountToken(pod, s.serviceAccountToken)),
            mode: 0o600,
          },
        ]);
    }
    return undefined;
  }
  if (vol.persistentVolumeClaim) {
    const claim = vol.persistentVolumeClaim.claimName;
    const pvc = await lookup('persistentvolumeclaims', claim);
    if (!pvc) throw new Waiting(`PersistentVolumeClaim ${claim} not found`);
    if (pvc.status?.phase !== 'Bound' || !pvc.spec.volumeName)
      throw new Waiting(`PersistentVolumeClaim ${claim} is not bound`);
    // The bound volume's folder when it has one on this machine (the stack's provisioner
    // makes hostPath volumes); else one per claim uid, so a new claim starts empty.
    const pv = await get(`/api/v1/persistentvolumes/${pvc.spec.volumeName}`);
    const hostDir = pv?.spec?.hostPath?.path ?? pv?.spec?.local?.path;
    return ensureDir(hostDir ?? join(cfg.state, 'volumes', `pvc-${pvc.metadata.uid}`));
  }
  log(
    `volume ${vol.name}: ${Object.keys(vol)
      .filter((k) => k !== 'name')
      .join(',')} is not supported here, mounted as an empty folder`,
  );
  ensureDir(dir);
  return undefined;
}

/**
 * The container's mounts under root (root + mountPath), parents first as a container
 * runtime does. Returns the mount paths for sitecustomize.py.
 */
const byDepth = (mounts) =>
  [...(mounts ?? [])].sort(
    (a, b) =>
      posix.normalize(a.mountPath).split('/').length -
      posix.normalize(b.mountPath).split('/').length,
  );

/** Every volume of the pod laid out once: name → { dir, linked }. */
async function podVolumes(pod, podDir, lookup) {
  const volumes = new Map();
  for (const vol of pod.spec.volumes ?? []) {
    const dir = join(podDir, 'volumes', vol.name);
    const linked = await materialiseVolume(vol, dir, pod, lookup);
    volumes.set(vol.name, { dir: linked ?? dir, linked: Boolean(linked) });
  }
  return volumes;
}

async function layOutMounts(container, root, volumes) {
  const mounts = byDepth(container.volumeMounts);
  for (const m of mounts) {
    const source = join(volumes.get(m.name).dir, m.subPath ?? '');
    const target = join(root, m.mountPath);
    ensureDir(dirname(target));
    if (volumes.get(m.name).linked) {
      if (!existsSync(source)) ensureDir(source);
      rmSync(target, { recursive: true, force: true });
      symlinkSync(source, target.replace(/\/+$/, ''));
    } else if (existsSync(source)) {
      cpSync(source, target, { recursive: true });
      if (statSync(source).isFile()) chmodSync(target, statSync(source).mode & 0o7777);
    } else ensureDir(target);
  }
  return mounts.map((m) => posix.normalize(m.mountPath).replace(/\/+$/, ''));
}

// ── processes ───────────────────────────────────────────────────────────────────────

const venvBin = join(cfg.venv, 'bin');
const podPath = `${venvBin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;

/** A daemon of ours: a pid file for stack:down, a log in logs/<name>.log. */
function startProcess(name, cmd, args, opts) {
  const d = daemon(name, cmd, args, opts);
  log(`${name}: started pid ${d.pid}: ${[cmd, ...args].join(' ')} (log: ${d.logFile})`);
  return { name, pid: d.pid, startedAt: Date.now(), cmd, args, opts };
}

async function stopProcess(p, why) {
  if (!p || !alive(p.pid)) return;
  log(`${p.name}: stopping pid ${p.pid} (${why})`);
  const signal = (sig) => {
    try {
      process.kill(-p.pid, sig);
    } catch {
      try {
        process.kill(p.pid, sig);
      } catch {}
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 15_000;
  while (alive(p.pid) && Date.now() < deadline) await sleep(100);
  if (alive(p.pid)) {
    log(`${p.name}: still running after 15 s, SIGKILL`);
    signal('SIGKILL');
  }
  rmSync(join(stateRoot, 'pids', `${p.name}.pid`), { force: true });
}

// ── what runs: CHP, the hub, the user-scheduler ─────────────────────────────────────

/** The first pod of the Deployment that is not being deleted, newest first. */
async function podOf(dep) {
  const list = await kube(
    'GET',
    `/api/v1/namespaces/${dep.metadata.namespace}/pods?${labelQuery(dep.spec.selector.matchLabels)}`,
  );
  return list.items
    .filter(
      (p) =>
        !p.metadata.deletionTimestamp &&
        p.status?.phase !== 'Failed' &&
        p.status?.phase !== 'Succeeded',
    )
    .sort((a, b) => b.metadata.creationTimestamp.localeCompare(a.metadata.creationTimestamp))[0];
}

/** Executable of a container's argv[0]: a file we laid out, or the venv's, or PATH's. */
function executable(cmd, root, mounts) {
  if (cmd.startsWith('/') && mounts.some((m) => cmd === m || cmd.startsWith(`${m}/`)))
    return join(root, cmd);
  const base = posix.basename(cmd);
  for (const dir of podPath.split(':')) if (existsSync(join(dir, base))) return join(dir, base);
  throw new Error(`${cmd}: not found in the pod view nor on ${podPath}`);
}

/** Service names this machine serves on loopback (name → our port), from the chart's names. */
function localServices(cm) {
  const n = (k) => cm.data?.[k] ?? k;
  return {
    [n('hub')]: cfg.ports.hub,
    [n('proxy-api')]: cfg.ports.proxyApi,
    [n('proxy-public')]: cfg.ports.proxyPublic,
  };
}

/** Replaces a Service host name in a URL by 127.0.0.1: there is no cluster DNS here. */
const loopbackUrl = (url, names) =>
  url.replace(/^(\w+:\/\/)([^/:]+)/, (m, scheme, host) =>
    names.includes(host.split('.')[0]) ? `${scheme}127.0.0.1` : m,
  );

async function proxySpec(ns, proxyDep, lookup, svcEnv, names) {
  const c =
    proxyDep.spec.template.spec.containers.find((x) => x.name === 'chp') ??
    proxyDep.spec.template.spec.containers[0];
  const pod = {
    metadata: {
      ...proxyDep.spec.template.metadata,
      name: `${proxyDep.metadata.name}-local`,
      namespace: ns,
    },
    spec: proxyDep.spec.template.spec,
  };
  const env = await containerEnv(c, pod, lookup, svcEnv);
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map((a) => expand(a, env));
  const fixed = {
    '--ip': '127.0.0.1',
    '--api-ip': '127.0.0.1',
    '--api-port': String(cfg.ports.proxyApi),
    '--port': String(cfg.ports.proxyPublic),
  };
  const args = argv.slice(1).map((a) => {
    const [flag, ...rest] = a.split('=');
    if (flag in fixed) return `${flag}=${fixed[flag]}`;
    if (flag === '--default-target' || flag === '--error-target')
      return `${flag}=${loopbackUrl(rest.join('='), names)}`;
    return a;
  });
  if (!env.CONFIGPROXY_AUTH_TOKEN) throw new Waiting('the proxy has no CONFIGPROXY_AUTH_TOKEN');
  return {
    args,
    env: {
      PATH: process.env.PATH,
      HOME: join(cfg.state, 'home'),
      CONFIGPROXY_AUTH_TOKEN: env.CONFIGPROXY_AUTH_TOKEN,
    },
  };
}

/** The hub container: argv, environment and working dir, with its volumes laid out. */
async function hubSpec(pod, lookup, svcEnv) {
  const c = pod.spec.containers.find((x) => x.name === 'hub');
  const podDir = join(cfg.state, 'pod');
  rmSync(podDir, { recursive: true, force: true });
  const root = ensureDir(join(podDir, 'rootfs'));
  const volumes = await podVolumes(pod, podDir, lookup);
  const mounts = await layOutMounts(c, root, volumes);

  // The image's WORKDIR, where the relative sqlite URL puts the database (on the PVC).
  const workdir = c.workingDir ?? '/srv/jupyterhub';
  ensureDir(join(root, workdir));
  if (!mounts.some((m) => workdir === m || workdir.startsWith(`${m}/`))) mounts.push(workdir);

  // This machine's differences, loaded after everything of the chart's (see the file).
  const chartConfig = join(root, '/usr/local/etc/jupyterhub/jupyterhub_config.py');
  if (existsSync(chartConfig)) {
    const localConfig = join(here, 'hub', 'local_config.py');
    writeFileSync(
      chartConfig,
      `${readFileSync(chartConfig, 'utf8')}\n\n# Appended by the buun-stack hub runner, not part of the chart:\nexec(compile(open(${JSON.stringify(localConfig)}).read(), ${JSON.stringify(localConfig)}, "exec"))\n`,
    );
  }
  const podfs = join(podDir, 'podfs.json');
  writeFileSync(podfs, `${JSON.stringify({ root, mounts }, null, 2)}\n`);

  const inCluster = mounts.includes('/var/run/secrets/kubernetes.io/serviceaccount');
  const env = await containerEnv(c, pod, lookup, svcEnv);
  const argv = [
    ...(c.command ?? []),
    ...(c.args ?? ['jupyterhub', '--config', '/usr/local/etc/jupyterhub/jupyterhub_config.py']),
  ].map((a) => expand(a, env));
  return {
    cmd: executable(argv[0], root, mounts),
    args: argv.slice(1),
    cwd: join(root, workdir),
    env: {
      // the image's environment, then the pod's
      PATH: podPath,
      LANG: 'C.UTF-8',
      HOME: ensureDir(join(cfg.state, 'home')),
      HOSTNAME: pod.metadata.name,
      ...(inCluster
        ? {
            KUBERNETES_SERVICE_HOST: apiserver.hostname,
            KUBERNETES_SERVICE_PORT: apiserver.port || '443',
          }
        : { KUBECONFIG: cfg.kubeconfig }),
      ...env,
      // this machine's: the pod view, the CA of the stack's TLS endpoints, our ports
      PYTHONPATH: join(here, 'hub'),
      PYTHONPYCACHEPREFIX: join(cfg.state, 'pycache'), // not beside sitecustomize.py in the repo
      BUUN_HUB_PODFS: podfs,
      SSL_CERT_FILE: cfg.caFile,
      REQUESTS_CA_BUNDLE: cfg.caFile,
      BUUN_HUB_PORT: String(cfg.ports.hub),
      BUUN_HUB_PROXY_API_PORT: String(cfg.ports.proxyApi),
    },
    inCluster,
    volumes,
  };
}

const shq = (v) => `'${String(v).replaceAll("'", `'\\''`)}'`;

/**
 * Another container of the hub pod (a sidecar from hub.extraContainers, e.g. the Vault
 * token renewer): its command runs in a private mount namespace and a chroot made of the
 * host's system folders plus the container's mounts at their pod paths, sharing the
 * pod's volumes (emptyDirs) with the hub, as uid runAsUser. The image itself is not
 * here: its command runs with the host's tools, and an image whose tool the stack builds
 * (a Vault image: OpenBao's binary, CLI-compatible) gets that tool on its PATH.
 */
async function sidecarSpec(pod, c, volumes, lookup, svcEnv) {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length)
    throw new Error(`container ${c.name}: no command, and its image's entrypoint is unknown here`);
  const root = join(cfg.state, 'pod', 'containers', c.name);
  const env = await containerEnv(c, pod, lookup, svcEnv);
  const lines = ['set -eu', `R=${shq(root)}`, 'mkdir -p "$R"'];
  lines.push(
    'for d in bin sbin lib lib32 lib64 libx32 usr etc; do',
    '  if [ -L "/$d" ]; then ln -sfn "$(readlink "/$d")" "$R/$d";',
    '  elif [ -d "/$d" ]; then mkdir -p "$R/$d"; mount --rbind "/$d" "$R/$d"; fi',
    'done',
    'mkdir -p "$R/dev" "$R/proc" "$R/tmp" "$R/opt/stack/bin"',
    'chmod 1777 "$R/tmp"',
    'mount --rbind /dev "$R/dev"',
    'mount -t proc proc "$R/proc"',
    `touch "$R/opt/stack/ca.crt"; mount --bind ${shq(cfg.caFile)} "$R/opt/stack/ca.crt"`,
  );
  if (/(^|\/)(vault|openbao)([:@]|$)/.test(c.image ?? '') && cfg.bao && existsSync(cfg.bao)) {
    lines.push(
      `touch "$R/opt/stack/bin/vault"; mount --bind ${shq(cfg.bao)} "$R/opt/stack/bin/vault"`,
    );
  }
  for (const m of byDepth(c.volumeMounts)) {
    const source = join(volumes.get(m.name).dir, m.subPath ?? '');
    const target = `"$R"${shq(posix.normalize(m.mountPath).replace(/\/+$/, ''))}`;
    if (existsSync(source) && statSync(source).isFile())
      lines.push(`mkdir -p "$(dirname ${target})"; touch ${target}`);
    else lines.push(`mkdir -p ${target}`);
    lines.push(`mount --bind ${shq(source)} ${target}`);
    if (m.readOnly) lines.push(`mount -o remount,bind,ro ${target}`);
  }
  const sc = { ...(pod.spec.securityContext ?? {}), ...(c.securityContext ?? {}) };
  const user =
    sc.runAsUser !== undefined
      ? [`--userspec=${sc.runAsUser}:${sc.runAsGroup ?? sc.runAsUser}`]
      : [];
  lines.push(
    `cd "$R"`,
    `exec chroot ${user.join(' ')} "$R" ${argv.map((a) => shq(expand(a, env))).join(' ')}`,
  );
  ensureDir(dirname(root));
  const script = join(cfg.state, 'pod', 'containers', `${c.name}.sh`);
  writeFileSync(script, `${lines.join('\n')}\n`, { mode: 0o700 });
  return {
    cmd: 'unshare',
    args: ['--mount', '--propagation', 'private', '--fork', '/bin/sh', script],
    env: {
      PATH: '/opt/stack/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOME: '/tmp',
      HOSTNAME: pod.metadata.name,
      SSL_CERT_FILE: '/opt/stack/ca.crt',
      VAULT_CACERT: '/opt/stack/ca.crt',
      ...env,
    },
  };
}

/** The user-scheduler: the real kube-scheduler with the chart's configuration. */
async function userSchedulerSpec(ns, cm, schedDep) {
  const dir = ensureDir(join(cfg.state, 'user-scheduler'));
  const conf = parseYaml(cm.data['config.yaml']);
  // Adjusted only where this machine differs: no in-cluster config, our port, one replica.
  conf.clientConnection = { ...(conf.clientConnection ?? {}), kubeconfig: cfg.kubeconfig };
  conf.leaderElection = { ...(conf.leaderElection ?? {}), leaderElect: false };
  const file = join(dir, 'config.yaml');
  writeFileSync(file, toYaml(conf));
  const c = schedDep?.spec.template.spec.containers.find((x) => x.name === 'kube-scheduler');
  const chartFlags = [...(c?.command ?? []).slice(1), ...(c?.args ?? [])].filter(
    (a) => !a.startsWith('--config='),
  );
  return [
    ...chartFlags,
    `--config=${file}`,
    `--bind-address=127.0.0.1`,
    `--secure-port=${cfg.ports.userScheduler}`,
    `--cert-dir=${ensureDir(join(dir, 'certs'))}`,
    `--authentication-kubeconfig=${cfg.kubeconfig}`,
    `--authorization-kubeconfig=${cfg.kubeconfig}`,
  ];
}

// ── the control loop ────────────────────────────────────────────────────────────────

/** What runs now: { ns, name, fp, parts, procs: { chp, hub, sched }, backoff } */
let current;
let pending;
let lastWaiting;
let lastAttempt;

function describeChange(before, after) {
  if (!before) return 'new';
  const names = {
    pod: 'pod',
    deployment: 'Deployment',
    configMap: 'ConfigMap',
    secret: 'Secret',
    proxy: 'proxy Deployment',
    userScheduler: 'user-scheduler ConfigMap',
  };
  return Object.keys(after)
    .filter((k) => before[k] !== after[k])
    .map((k) => (k === 'pod' ? 'pod replaced' : `${names[k]} changed`))
    .join(', ');
}

async function stopEverything(why) {
  if (!current) return;
  const { hub, ...others } = current.procs ?? {};
  await stopProcess(hub, why);
  for (const p of Object.values(others)) await stopProcess(p, why);
  current = undefined;
  status.hub = { phase: 'absent', reason: why, since: new Date().toISOString() };
}

async function observe() {
  const list = await kube('GET', `/apis/apps/v1/deployments?${labelQuery({ component: 'hub' })}`);
  const deps = list.items.filter(
    (d) =>
      !d.metadata.deletionTimestamp &&
      d.spec.template.spec.containers.some((c) => c.name === 'hub'),
  );
  if (!deps.length) return undefined;
  const dep =
    deps.find((d) => d.metadata.namespace === current?.ns && d.metadata.name === current?.name) ??
    deps[0];
  if (deps.length > 1 && !current)
    log(`${deps.length} hub Deployments; running ${dep.metadata.namespace}/${dep.metadata.name}`);
  const ns = dep.metadata.namespace;
  const name = dep.metadata.name;
  const [cm, secret, proxies, scheds] = await Promise.all([
    core(ns, 'configmaps', name),
    core(ns, 'secrets', name),
    kube('GET', `/apis/apps/v1/namespaces/${ns}/deployments?${labelQuery({ component: 'proxy' })}`),
    kube(
      'GET',
      `/apis/apps/v1/namespaces/${ns}/deployments?${labelQuery({ component: 'user-scheduler' })}`,
    ),
  ]);
  const values = secret?.data?.['values.yaml']
    ? parseYaml(b64(secret.data['values.yaml']).toString('utf8'))
    : {};
  const userScheduler = values?.scheduling?.userScheduler?.enabled
    ? await core(ns, 'configmaps', cm?.data?.['user-scheduler-deploy'] ?? 'user-scheduler')
    : undefined;
  const proxy = proxies.items.find((d) => !d.metadata.deletionTimestamp);
  // The pod the ReplicaSet made: its ServiceAccount token is bound to it, and a new pod
  // (deleted, evicted) is a new start, as on a node.
  const pod = await podOf(dep);
  const parts = {
    pod: pod?.metadata.uid,
    deployment: sha([dep.spec.replicas, dep.spec.template]),
    configMap: sha(cm?.data),
    secret: sha(secret?.data),
    proxy: sha(proxy?.spec.template),
    userScheduler: sha(userScheduler?.data),
  };
  return {
    dep,
    pod,
    ns,
    name,
    cm,
    secret,
    proxy,
    userScheduler,
    schedDep: scheds.items[0],
    parts,
    fp: sha(parts),
  };
}

async function restart(o, reason) {
  // A kubelet starts a pod once it is scheduled; until then the old one keeps running.
  const pod = o.pod;
  if (!pod) throw new Waiting(`no pod of Deployment ${o.ns}/${o.name} yet`);
  if (!pod.spec.nodeName)
    throw new Waiting(`pod ${o.ns}/${pod.metadata.name} is not scheduled yet`);
  await stopEverything(reason);
  const started = Date.now();
  // once per state: a start that waits for a Secret is retried every poll
  if (lastAttempt !== o.fp) log(`(re)starting the hub of ${o.ns}/${o.name}: ${reason}`);
  lastAttempt = o.fp;
  const lookup = objectCache(o.ns);
  const services = (await kube('GET', `/api/v1/namespaces/${o.ns}/services`)).items;
  const local = localServices(o.cm);
  const svcEnv = serviceEnv(services, local);
  const chp = o.proxy
    ? await proxySpec(o.ns, o.proxy, lookup, svcEnv, Object.keys(local))
    : undefined;
  const hub = await hubSpec(pod, lookup, svcEnv);
  const schedArgs = o.userScheduler
    ? await userSchedulerSpec(o.ns, o.userScheduler, o.schedDep)
    : undefined;

  const sidecars = [];
  for (const c of pod.spec.containers.filter((x) => x.name !== 'hub')) {
    try {
      sidecars.push({ name: c.name, ...(await sidecarSpec(pod, c, hub.volumes, lookup, svcEnv)) });
    } catch (err) {
      if (err instanceof Waiting) throw err;
      log(`container ${c.name} of the hub pod not run: ${err.message}`);
    }
  }

  status.restarts += 1;
  const procs = {};
  current = {
    ns: o.ns,
    name: o.name,
    fp: o.fp,
    parts: o.parts,
    procs,
    pod: pod.metadata.name,
    backoff: {},
  };
  if (chp)
    procs.chp = startProcess('chp', cfg.nodeBin, [cfg.chp, ...chp.args], {
      env: chp.env,
      cwd: cfg.state,
    });
  else log('no proxy Deployment: CHP not started');
  for (const sc of sidecars)
    procs[`sidecar:${sc.name}`] = startProcess(`hub-${sc.name}`, sc.cmd, sc.args, {
      env: sc.env,
      cwd: cfg.state,
    });
  procs.hub = startProcess('hub', hub.cmd, hub.args, { env: hub.env, cwd: hub.cwd });
  if (schedArgs && !existsSync(cfg.kubeScheduler))
    log(`user-scheduler not started: no ${cfg.kubeScheduler}`);
  else if (schedArgs)
    procs.sched = startProcess('user-scheduler', cfg.kubeScheduler, schedArgs, { cwd: cfg.state });
  log(
    `hub of ${o.ns}/${o.name} (pod ${pod.metadata.name}) started; API server access ${hub.inCluster ? "as the pod's ServiceAccount (in-cluster)" : 'through the kubeconfig'}`,
  );
  status.hub = {
    phase: 'starting',
    namespace: o.ns,
    pod: pod.metadata.name,
    reason,
    since: new Date(started).toISOString(),
    pids: { hub: procs.hub.pid, chp: procs.chp?.pid, userScheduler: procs.sched?.pid },
  };
  watchReady(current, started);
}

/** Logs when the hub answers /hub/health (bounded by the hub's life). */
async function watchReady(run, started) {
  const url = `http://127.0.0.1:${cfg.ports.hub}/hub/health`;
  while (current === run && alive(run.procs.hub.pid)) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) {
        log(`hub ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${url})`);
        status.hub = { ...status.hub, phase: 'ready', readyAt: new Date().toISOString() };
        writeStatus();
        return;
      }
    } catch {}
    await sleep(500);
  }
}

/** A process of the running pod that exited: restart it with back-off (10 s … 5 min). */
async function tendProcesses() {
  if (!current?.procs) return;
  for (const [key, p] of Object.entries(current.procs)) {
    if (!p || alive(p.pid)) continue;
    const b = (current.backoff[key] ??= { delay: 10_000, at: 0 });
    if (!b.at) {
      // ran long enough: forget earlier crashes
      if (Date.now() - p.startedAt > 10 * 60_000) b.delay = 10_000;
      b.at = Date.now() + b.delay;
      log(
        `${p.name}: pid ${p.pid} exited (see ${logFileOf(p.name)}); restarting in ${b.delay / 1000} s`,
      );
      if (key === 'hub') status.hub = { ...status.hub, phase: 'crashed' };
      continue;
    }
    if (Date.now() < b.at) continue;
    b.at = 0;
    b.delay = Math.min(b.delay * 2, 5 * 60_000);
    current.procs[key] = startProcess(p.name, p.cmd, p.args, p.opts);
    if (key === 'hub') {
      status.hub = {
        ...status.hub,
        phase: 'starting',
        pids: { ...status.hub.pids, hub: current.procs.hub.pid },
      };
      watchReady(current, Date.now());
    }
  }
}

/** One poll; true when what runs matched what it saw (see status.lastPoll). */
async function step() {
  const o = await observe();
  if (!o) {
    pending = undefined;
    if (current)
      await stopEverything(
        `Deployment ${current.ns}/${current.name} is gone (release uninstalled)`,
      );
    return true;
  }
  if (o.dep.spec.replicas === 0) {
    if (current) await stopEverything(`Deployment ${o.ns}/${o.name} scaled to 0`);
    return true;
  }
  if (current && current.fp === o.fp && current.ns === o.ns) {
    await tendProcesses();
    return true;
  }
  if (!o.cm || !o.secret) throw new Waiting(`ConfigMap/Secret ${o.ns}/${o.name} not there yet`);
  // helm writes the Secret, ConfigMap and Deployments one after the other: act on a state
  // seen twice in a row (a second apart), not on the middle of an upgrade.
  if (pending?.fp !== o.fp) {
    pending = { fp: o.fp };
    return false;
  }
  const reason =
    current?.ns === o.ns
      ? describeChange(current.parts, o.parts)
      : `Deployment ${o.ns}/${o.name} found${current ? ` (was ${current.ns}/${current.name})` : ''}`;
  await restart(o, reason);
  pending = undefined;
  return false; // the next poll sees whether the objects held still meanwhile
}

let stopping = false;
async function shutdown(sig) {
  if (stopping) return;
  stopping = true;
  log(`${sig}: stopping`);
  await stopEverything(`runner stopped (${sig})`);
  writeStatus();
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

log(
  `hub runner: pid ${process.pid}, API server ${apiserver.origin}, hub on 127.0.0.1:${cfg.ports.hub}, CHP ${cfg.ports.proxyPublic}/${cfg.ports.proxyApi}`,
);
let lastError;
while (!stopping) {
  const t = Date.now();
  try {
    const upToDate = await step();
    status.lastPoll = { startedAt: new Date(t).toISOString(), upToDate };
    status.polled = true;
    lastError = undefined;
    lastWaiting = undefined;
    delete status.error;
  } catch (err) {
    const msg = err.message;
    if (err instanceof Waiting) {
      if (msg !== lastWaiting) log(`waiting: ${msg}`);
      lastWaiting = msg;
      status.polled = true;
      status.hub = { ...status.hub, phase: 'waiting', reason: msg };
      // try the same state again next time
      pending = { fp: pending?.fp ?? 'retry' };
    } else if (msg !== lastError) {
      log(`error: ${msg}`);
      lastError = msg;
    }
    status.error = msg;
    status.lastPoll = { startedAt: new Date(t).toISOString(), upToDate: false };
  }
  writeStatus();
  await sleep(Math.max(0, pollMs - (Date.now() - t)));
}

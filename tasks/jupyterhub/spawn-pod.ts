/**
 * The pod KubeSpawner would create for a user with one profile, built from the Helm values
 * the way the Zero to JupyterHub chart hands them to KubeSpawner and KubeSpawner's
 * make_pod turns them into a pod: the fields admission looks at (security contexts,
 * volumes, resources, runtime class, extra containers). Pure: values in, manifest out.
 */

type Json = Record<string, any>;

export interface Profile {
  /** KubeSpawner's slug: given, or made from the display name */
  slug: string;
  displayName: string;
  override: Json;
}

/** KubeSpawner's slug of a display name when the profile has none: lower case, dashes. */
export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The profiles of singleuser.profileList; one unnamed default profile without a list. */
export function profilesOf(values: Json): Profile[] {
  const list = (values?.singleuser?.profileList ?? []) as Json[];
  if (!list.length) return [{ slug: 'default', displayName: 'default', override: {} }];
  return list.map((p) => ({
    slug: typeof p.slug === 'string' && p.slug ? p.slug : slugOf(String(p.display_name ?? '')),
    displayName: String(p.display_name ?? p.slug ?? ''),
    override: (p.kubespawner_override ?? {}) as Json,
  }));
}

/**
 * `c.KubeSpawner.container_security_context = {…}` in hub.extraConfig (install writes one to
 * drop every capability): the dict literal read as JSON. Undefined when there is none;
 * an error naming the block when there is one this reader cannot follow.
 */
export function containerSecurityContextOf(values: Json): Json | undefined {
  const blocks = Object.entries((values?.hub?.extraConfig ?? {}) as Record<string, string>);
  for (const [name, code] of blocks) {
    const at = String(code).search(/c\.KubeSpawner\.container_security_context\s*=\s*\{/);
    if (at < 0) continue;
    const start = String(code).indexOf('{', at);
    let depth = 0;
    let end = start;
    for (; end < code.length; end++) {
      if (code[end] === '{') depth++;
      else if (code[end] === '}' && --depth === 0) break;
    }
    const literal = code
      .slice(start, end + 1)
      .replace(/'/g, '"')
      .replace(/\bTrue\b/g, 'true')
      .replace(/\bFalse\b/g, 'false')
      .replace(/\bNone\b/g, 'null')
      .replace(/,(\s*[}\]])/g, '$1');
    try {
      return JSON.parse(literal) as Json;
    } catch {
      throw new Error(
        `hub.extraConfig.${name} sets container_security_context in a form this check cannot read`,
      );
    }
  }
  return undefined;
}

const pick = (override: Json, key: string, fallback: unknown) =>
  key in override ? override[key] : fallback;

/**
 * The user's server pod with `profile`, as KubeSpawner builds it from the chart's values.
 * `extra_pod_config` is applied last and replaces whole top-level fields (the pod
 * securityContext among them), as KubeSpawner does.
 */
export function buildUserPod(
  values: Json,
  profile: Profile,
  user: string,
  namespace: string,
  name: string,
): Json {
  const su = (values?.singleuser ?? {}) as Json;
  const o = profile.override;
  const image =
    pick(o, 'image', undefined) ??
    (su.image?.name ? `${su.image.name}${su.image.tag ? `:${su.image.tag}` : ''}` : undefined) ??
    'quay.io/jupyterhub/k8s-singleuser-sample';
  const uid = pick(o, 'uid', su.uid ?? 1000);
  const fsGid = pick(o, 'fs_gid', su.fsGid ?? 100);

  const psc: Json = {};
  if (fsGid !== null && fsGid !== undefined) psc.fsGroup = Number(fsGid);
  Object.assign(psc, pick(o, 'pod_security_context', {}));

  const csc: Json = {};
  if (uid !== null && uid !== undefined) csc.runAsUser = Number(uid);
  const gid = pick(o, 'gid', su.gid);
  if (gid !== null && gid !== undefined) csc.runAsGroup = Number(gid);
  if (pick(o, 'privileged', false)) csc.privileged = true;
  const ape = pick(o, 'allow_privilege_escalation', su.allowPrivilegeEscalation ?? false);
  if (ape !== null && ape !== undefined) csc.allowPrivilegeEscalation = ape;
  Object.assign(
    csc,
    containerSecurityContextOf(values) ?? {},
    pick(o, 'container_security_context', {}),
  );

  const limits: Json = { ...(su.extraResource?.limits ?? {}), ...(o.extra_resource_limits ?? {}) };
  const cpuLimit = pick(o, 'cpu_limit', su.cpu?.limit);
  const memLimit = pick(o, 'mem_limit', su.memory?.limit);
  if (cpuLimit) limits.cpu = String(cpuLimit);
  if (memLimit) limits.memory = String(memLimit);
  const requests: Json = { ...(su.extraResource?.guarantees ?? {}) };
  const cpuGuarantee = pick(o, 'cpu_guarantee', su.cpu?.guarantee);
  const memGuarantee = pick(o, 'mem_guarantee', su.memory?.guarantee ?? '1G');
  if (cpuGuarantee) requests.cpu = String(cpuGuarantee);
  if (memGuarantee) requests.memory = String(memGuarantee);

  const storage = (su.storage ?? {}) as Json;
  const volumes: Json[] = [];
  const mounts: Json[] = [];
  const home = storage.homeMountPath ?? '/home/jovyan';
  if (storage.type === 'static') {
    volumes.push({ name: 'home', persistentVolumeClaim: { claimName: storage.static?.pvcName } });
    mounts.push({ name: 'home', mountPath: home, subPath: storage.static?.subPath ?? user });
  } else if (storage.type !== 'none') {
    volumes.push({ name: 'volume-{user}', persistentVolumeClaim: { claimName: `claim-${user}` } });
    mounts.push({ name: 'volume-{user}', mountPath: home });
  }
  const asList = (v: unknown): Json[] =>
    Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v as Json) : [];
  volumes.push(...asList(storage.extraVolumes), ...asList(o.volumes));
  mounts.push(...asList(storage.extraVolumeMounts), ...asList(o.volume_mounts));
  for (const v of volumes) v.name = String(v.name).replace('{user}', user);
  for (const m of mounts) m.name = String(m.name).replace('{user}', user);

  const env = Object.entries({ ...(su.extraEnv ?? {}), ...(o.environment ?? {}) }).map(([k, v]) =>
    v && typeof v === 'object' ? { name: k, ...(v as Json) } : { name: k, value: String(v) },
  );

  const container: Json = {
    name: 'notebook',
    image,
    args: ['jupyterhub-singleuser'],
    ports: [{ name: 'notebook-port', containerPort: 8888 }],
    env,
    volumeMounts: mounts,
    resources: {
      ...(Object.keys(limits).length && { limits }),
      ...(Object.keys(requests).length && { requests }),
    },
    ...(Object.keys(csc).length && { securityContext: csc }),
  };
  const spec: Json = {
    automountServiceAccountToken: false,
    restartPolicy: 'OnFailure',
    ...(Object.keys(psc).length && { securityContext: psc }),
    initContainers: [...asList(su.initContainers), ...asList(o.init_containers)],
    containers: [container, ...asList(su.extraContainers), ...asList(o.extra_containers)],
    volumes,
  };
  if (!spec.initContainers.length) delete spec.initContainers;
  Object.assign(spec, su.extraPodConfig ?? {}, o.extra_pod_config ?? {});
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: {
        app: 'jupyterhub',
        component: 'singleuser-server',
        'hub.jupyter.org/username': user,
      },
    },
    spec,
  };
}

// The Pod Security admission's "restricted" level for a pod, with the API server's wording:
// the checks a user pod can fail, in the order the real message lists them. Baseline checks
// that restricted supersedes (hostPath volumes, non-default capabilities) are not repeated.
import type { K8sObject } from './types.js';

type Json = Record<string, any>;

const ALLOWED_VOLUMES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** The violations of `restricted`, as "check (detail)" parts; empty when the pod is allowed. */
export function restrictedViolations(pod: K8sObject): string[] {
  const spec = (pod.spec ?? {}) as Json;
  const psc = (spec.securityContext ?? {}) as Json;
  const containers = [
    ...((spec.initContainers ?? []) as Json[]),
    ...((spec.containers ?? []) as Json[]),
  ];
  const sc = (c: Json) => (c.securityContext ?? {}) as Json;
  const quote = (names: string[]) => names.map((n) => `"${n}"`).join(', ');
  const plural = (names: string[]) => (names.length > 1 ? 'containers' : 'container');
  const out: string[] = [];

  const hostNs = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => spec[k] === true);
  if (hostNs.length) out.push(`host namespaces (${hostNs.map((k) => `${k}=true`).join(', ')})`);
  const privileged = containers.filter((c) => sc(c).privileged === true).map((c) => c.name);
  if (privileged.length)
    out.push(
      `privileged (${plural(privileged)} ${quote(privileged)} must not set securityContext.privileged=true)`,
    );
  const escalating = containers
    .filter((c) => sc(c).allowPrivilegeEscalation !== false)
    .map((c) => c.name);
  if (escalating.length)
    out.push(
      `allowPrivilegeEscalation != false (${plural(escalating)} ${quote(escalating)} must set securityContext.allowPrivilegeEscalation=false)`,
    );
  const caps: string[] = [];
  const noDrop = containers
    .filter((c) => !(sc(c).capabilities?.drop ?? []).includes('ALL'))
    .map((c) => c.name);
  if (noDrop.length)
    caps.push(
      `${plural(noDrop)} ${quote(noDrop)} must set securityContext.capabilities.drop=["ALL"]`,
    );
  for (const c of containers) {
    const added = ((sc(c).capabilities?.add ?? []) as string[]).filter(
      (a) => a !== 'NET_BIND_SERVICE',
    );
    if (added.length)
      caps.push(
        `container "${c.name}" must not include ${quote(added)} in securityContext.capabilities.add`,
      );
  }
  if (caps.length) out.push(`unrestricted capabilities (${caps.join('; ')})`);
  const badVolumes = ((spec.volumes ?? []) as Json[])
    .map((v) => [v.name, Object.keys(v).find((k) => k !== 'name')] as const)
    .filter(([, type]) => type && !ALLOWED_VOLUMES.includes(type));
  if (badVolumes.length)
    out.push(
      `restricted volume types (${badVolumes.map(([n, t]) => `volume "${n}" uses restricted volume type "${t}"`).join(', ')})`,
    );
  const nonRoot = containers
    .filter((c) => (sc(c).runAsNonRoot ?? psc.runAsNonRoot) !== true)
    .map((c) => c.name);
  if (nonRoot.length)
    out.push(
      `runAsNonRoot != true (pod or ${plural(nonRoot)} ${quote(nonRoot)} must set securityContext.runAsNonRoot=true)`,
    );
  const root = containers.filter((c) => sc(c).runAsUser === 0).map((c) => c.name);
  if (root.length)
    out.push(`runAsUser=0 (${plural(root)} ${quote(root)} must not set runAsUser=0)`);
  const seccomp = (x: Json | undefined) => x?.seccompProfile?.type;
  const noSeccomp = containers
    .filter((c) => !['RuntimeDefault', 'Localhost'].includes(seccomp(sc(c)) ?? seccomp(psc)))
    .map((c) => c.name);
  if (noSeccomp.length)
    out.push(
      `seccompProfile (pod or ${plural(noSeccomp)} ${quote(noSeccomp)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`,
    );
  return out;
}

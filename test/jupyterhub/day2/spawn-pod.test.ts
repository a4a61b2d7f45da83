// The pod check-spawn submits: built from the values install renders (through the real
// templates) the way KubeSpawner builds a user's pod, so each feature shows where
// admission looks — NFS home, GPU limit and runtime class, the Airflow mount, the
// container security context from hub.extraConfig — and a profile override wins.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { admissionMessage, selectProfiles } from '../../../tasks/jupyterhub/check-spawn.js';
import {
  buildUserPod,
  containerSecurityContextOf,
  profilesOf,
  slugOf,
} from '../../../tasks/jupyterhub/spawn-pod.js';
import { parseHelmYaml } from '../../support/z2jh.js';
import { baseEnv, type TemplateEnv } from '../templates/env.js';
import { renderValues } from '../templates/render.js';

const test = suite('jupyterhub day-2: the user pod check-spawn builds');

const values = (over: Partial<TemplateEnv> = {}) =>
  parseHelmYaml(renderValues(baseEnv(over)).yaml) as Record<string, any>;
const podOf = (v: Record<string, any>, i = 0) =>
  buildUserPod(v, profilesOf(v)[i]!, 'alice', 'datastack', 'jupyter-alice');
const notebook = (pod: Record<string, any>) => pod.spec.containers[0];

test('every enabled profile, with KubeSpawner-style slugs and its image', () => {
  const v = values({
    JUPYTER_PROFILE_MINIMAL_ENABLED: 'true',
    JUPYTER_PROFILE_DATASCIENCE_ENABLED: 'true',
  });
  const profiles = profilesOf(v);
  assert.equal(
    profiles.map((p) => [p.slug, p.override.image]),
    [
      ['minimal-jupyter-notebook-stack', 'quay.io/jupyter/minimal-notebook'],
      ['jupyter-notebook-data-science-stack', 'quay.io/jupyter/datascience-notebook'],
    ],
  );
  assert.is(notebook(podOf(v, 1)).image, 'quay.io/jupyter/datascience-notebook');
  assert.is(slugOf('  Buun-stack with CUDA! '), 'buun-stack-with-cuda');
});

test('restricted fields: non-root pod with seccomp, no escalation, every capability dropped', () => {
  const pod = podOf(values());
  assert.equal(pod.spec.securityContext, {
    fsGroup: 100,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  assert.equal(notebook(pod).securityContext, {
    runAsUser: 1000,
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
  });
  assert.is(pod.metadata.labels['component'], 'singleuser-server');
});

test('dynamic home volume by default; the NFS claim with the user as subPath when NFS is on', () => {
  const dyn = podOf(values());
  assert.equal(dyn.spec.volumes, [
    { name: 'volume-alice', persistentVolumeClaim: { claimName: 'claim-alice' } },
  ]);
  const nfs = podOf(
    values({
      JUPYTERHUB_NFS_PV_ENABLED: 'true',
      JUPYTER_NFS_IP: '10.0.0.5',
      JUPYTER_NFS_PATH: '/export/jupyter',
      PVC_NAME: 'jupyter-nfs-pvc',
    }),
  );
  assert.equal(nfs.spec.volumes, [
    { name: 'home', persistentVolumeClaim: { claimName: 'jupyter-nfs-pvc' } },
  ]);
  assert.equal(notebook(nfs).volumeMounts, [
    { name: 'home', mountPath: '/home/jovyan', subPath: 'alice' },
  ]);
});

test('GPU: the runtime class and the nvidia.com/gpu limit; Airflow: the DAGs claim mounted', () => {
  const pod = podOf(
    values({
      JUPYTERHUB_GPU_ENABLED: 'true',
      JUPYTERHUB_GPU_LIMIT: '2',
      JUPYTERHUB_AIRFLOW_DAGS_PERSISTENCE_ENABLED: 'true',
    }),
  );
  assert.is(pod.spec.runtimeClassName, 'nvidia');
  assert.is(notebook(pod).resources.limits['nvidia.com/gpu'], '2');
  assert.ok(
    pod.spec.volumes.some((x: any) => x.persistentVolumeClaim?.claimName === 'airflow-dags-pvc'),
  );
  assert.ok(
    notebook(pod).volumeMounts.some((m: any) => m.mountPath === '/home/jovyan/airflow-dags'),
  );
});

test('a profile override wins: image, privilege escalation, extra pod config', () => {
  const v = values();
  v.singleuser.profileList.push({
    display_name: 'Odd',
    slug: 'odd',
    kubespawner_override: {
      image: 'example/odd:1',
      allow_privilege_escalation: true,
      privileged: true,
      extra_pod_config: { hostNetwork: true },
    },
  });
  const pod = podOf(v, 1);
  assert.is(notebook(pod).image, 'example/odd:1');
  assert.is(notebook(pod).securityContext.allowPrivilegeEscalation, true);
  assert.is(notebook(pod).securityContext.privileged, true);
  assert.is(pod.spec.hostNetwork, true);
});

test('container_security_context from hub.extraConfig: read as Python writes it, or refused', () => {
  assert.equal(
    containerSecurityContextOf({
      hub: {
        extraConfig: {
          x: "c.KubeSpawner.container_security_context = {\n  'readOnlyRootFilesystem': True,\n  'capabilities': {'drop': ['ALL'],},\n}",
        },
      },
    }),
    { readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
  );
  assert.is(containerSecurityContextOf({ hub: { extraConfig: { x: 'pass' } } }), undefined);
  assert.throws(
    () =>
      containerSecurityContextOf({
        hub: { extraConfig: { sc: 'c.KubeSpawner.container_security_context = {k: dict(a=1)}' } },
      }),
    /hub\.extraConfig\.sc sets container_security_context in a form this check cannot read/,
  );
});

test('selectProfiles: all, by slug, display name or a word of the image; else the choices', () => {
  const v = values({ JUPYTER_PROFILE_MINIMAL_ENABLED: 'true' });
  const all = profilesOf(v);
  assert.is(selectProfiles(all).length, 2);
  assert.equal(
    selectProfiles(all, 'datascience').map((p) => p.slug),
    ['jupyter-notebook-data-science-stack'],
  );
  assert.equal(
    selectProfiles(all, 'Minimal Jupyter Notebook Stack').map((p) => p.slug),
    ['minimal-jupyter-notebook-stack'],
  );
  assert.throws(() => selectProfiles(all, 'notebook'), /no single profile "notebook"/);
  assert.throws(
    () => selectProfiles(all, 'cuda'),
    (e: Error & { hint?: string }) =>
      e.message === 'no profile "cuda" among the enabled ones' &&
      e.hint === 'one of: minimal-jupyter-notebook-stack, jupyter-notebook-data-science-stack',
  );
});

test("admissionMessage: the API server's words without kubectl's frame and warnings", () => {
  assert.is(
    admissionMessage(
      'Warning: would violate PodSecurity "restricted:latest": x\nError from server (Forbidden): error when creating "STDIN": pods "p" is forbidden: violates PodSecurity "restricted:latest": privileged (container "notebook" must not set securityContext.privileged=true)\n',
    ),
    'pods "p" is forbidden: violates PodSecurity "restricted:latest": privileged (container "notebook" must not set securityContext.privileged=true)',
  );
});

test.run();

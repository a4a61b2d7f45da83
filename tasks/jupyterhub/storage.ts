import { readFileSync } from 'node:fs';
import { TaskError, type Ctx } from '../core/index.js';
import { parse } from 'yaml';
import { getObject, listObjects, type K8sObject } from '../k8s/kubectl.js';
import { apply } from '../k8s/kubectl-changes.js';
import { checkExistingNfsPv, NFS_PV, nfsPathProblem, nfsServerProblem } from './nfs.js';
import { NFS_PVC, renderJupyterhubFile, templateFile } from './render.js';
import type { Settings } from './settings.js';

export { NFS_PVC };

export const NFS_STORAGE_CLASS = 'jupyter-nfs-static';
export { NFS_PV };

/** NFS switch and server: the variables, else the operator's answers. */
export async function decideNfs(
  ctx: Ctx,
  s: Settings,
): Promise<{ nfs: boolean; ip: string; path: string }> {
  const nfs =
    s.JUPYTERHUB_NFS_PV_ENABLED ??
    (await ctx.prompt.confirm({
      message: 'Use static NFS PV for user home volumes (each user gets <export>/<username>)?',
      variable: 'JUPYTERHUB_NFS_PV_ENABLED',
      nonInteractive: false,
    }));
  if (!nfs) return { nfs, ip: '', path: '' };
  const ip =
    s.JUPYTER_NFS_IP ||
    (await ctx.prompt.input({
      variable: 'JUPYTER_NFS_IP',
      message: 'NFS server IP or host',
      validate: (v) => nfsServerProblem(v) ?? true,
    }));
  const path =
    s.JUPYTER_NFS_PATH ||
    (await ctx.prompt.input({
      variable: 'JUPYTER_NFS_PATH',
      message: 'NFS export path',
      validate: (v) => nfsPathProblem(v) ?? true,
    }));
  const problems = [nfsServerProblem(ip), nfsPathProblem(path)].filter(Boolean);
  if (problems.length)
    throw new TaskError(problems.join('\n'), 'fix it in .env.local or the environment');
  await checkExistingNfsPv(ctx, ip, path);
  return { nfs, ip, path };
}

/** StorageClass and PV when missing (a bound PV is immutable), then the PVC in the namespace. */
export async function applyNfsVolumes(
  ctx: Ctx,
  s: Settings,
  env: Record<string, string>,
): Promise<void> {
  const [storageClass, pv] = await Promise.all([
    getObject(ctx, 'storageclass', NFS_STORAGE_CLASS),
    getObject(ctx, 'pv', NFS_PV),
  ]);
  const load = (path: string) => parse(readFileSync(path, 'utf8')) as K8sObject;
  const docs: K8sObject[] = [];
  if (!storageClass) docs.push(load(templateFile('jupyter-nfs-storage-class.yaml')));
  if (!pv) docs.push(load(renderJupyterhubFile(ctx, 'nfs-pv.gomplate.yaml', env)));
  const pvc = load(templateFile('nfs-pvc.yaml'));
  pvc.metadata.namespace = s.JUPYTERHUB_NAMESPACE;
  docs.push(pvc);
  await apply(ctx, docs, `NFS home volumes (${NFS_STORAGE_CLASS}, ${NFS_PV}, ${NFS_PVC})`);
}

/** Without NFS and without JUPYTERHUB_STORAGE_CLASS: offer the cluster's classes ('' = default). */
export async function chooseStorageClass(ctx: Ctx, s: Settings): Promise<string> {
  if (s.JUPYTERHUB_STORAGE_CLASS || !ctx.prompt.interactive) return s.JUPYTERHUB_STORAGE_CLASS;
  const classes = await listObjects(ctx, 'storageclass');
  // Nothing to choose from (or no cluster in a dry-run): the cluster default.
  if (classes.length < 2) return '';
  const isDefault = (c: (typeof classes)[number]) =>
    c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
  return ctx.prompt.select({
    variable: 'JUPYTERHUB_STORAGE_CLASS',
    message: 'Storage class for user home volumes',
    default: '',
    choices: [
      { value: '', name: '(cluster default)' },
      ...classes.map((c) => ({
        value: c.metadata.name,
        name: `${c.metadata.name}${isDefault(c) ? ' (default)' : ''}`,
      })),
    ],
  });
}

import { isIP } from 'node:net';
import { TaskError, type Ctx } from '../core/index.js';
import { getObject } from '../k8s/kubectl.js';

export const NFS_PV = 'jupyter-nfs-pv';

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** An NFS server as a PV takes it: IPv4, IPv6, or a host name. */
export function nfsServerProblem(value: string): string | undefined {
  if (isIP(value)) return undefined;
  const labels = value.split('.');
  if (
    value.length <= 253 &&
    labels.every((l) => HOST_LABEL.test(l)) &&
    !/^\d+$/.test(labels.at(-1)!)
  )
    return undefined;
  return `JUPYTER_NFS_IP must be an IPv4 or IPv6 address or a host name (got "${value}")`;
}

/** An export path: absolute, no control characters. */
export function nfsPathProblem(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (value.startsWith('/') && !/[\u0000-\u001f\u007f]/.test(value)) return undefined;
  return `JUPYTER_NFS_PATH must be an absolute path without control characters (got ${JSON.stringify(value)})`;
}

/**
 * A PV cannot be changed: when jupyter-nfs-pv exists with another server or path, the
 * new values would never take effect while the summary claimed they had. Checked
 * before any change, with the command that clears the way.
 */
export async function checkExistingNfsPv(ctx: Ctx, server: string, path: string): Promise<void> {
  const pv = await getObject(ctx, 'pv', NFS_PV);
  const nfs = pv?.spec?.nfs as { server?: string; path?: string } | undefined;
  if (!nfs || (nfs.server === server && nfs.path === path)) return;
  throw new TaskError(
    `PV ${NFS_PV} exists with NFS ${nfs.server}:${nfs.path}, not ${server}:${path}, and a PV cannot be changed`,
    `to move home volumes to ${server}:${path}: npx tasks jupyterhub:delete-pv (after the hub's users are stopped), then run install again; ` +
      `or set JUPYTER_NFS_IP=${nfs.server} JUPYTER_NFS_PATH=${nfs.path} to keep it`,
  );
}

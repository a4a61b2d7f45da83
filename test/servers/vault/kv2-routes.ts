// The KV version 2 mount at "secret/": data (read/write/soft-delete/merge-patch), metadata
// (read/write settings/delete everything/list), delete, undelete and destroy of versions.
// Reads of a deleted or destroyed version answer 404 with the version metadata, like Vault.
import type { Clock } from './clock.js';
import { badRequest, notFound, VaultError } from './errors.js';
import type { KvStore } from './kv2-store.js';
import type { LogicalResponse, Mount, VaultRequest } from './types.js';
import { weakBool, weakDuration, weakInt, weakStringMap } from './weak.js';

const INVALID_PATH =
  "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation.";

function requireKey(key: string): string {
  if (!key) throw badRequest('missing path');
  return key;
}

function versionsArg(req: VaultRequest): number[] {
  const raw = req.data.versions;
  const list =
    typeof raw === 'string'
      ? raw.split(',')
      : Array.isArray(raw)
        ? raw
        : raw === undefined
          ? []
          : [raw];
  const versions = list
    .map((v) => weakInt(v, 'versions'))
    .filter((v): v is number => v !== undefined);
  if (!versions.length) throw badRequest('no version number provided');
  return versions;
}

function objectArg(v: unknown, field: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw badRequest(
      `error converting input ${JSON.stringify(v)} for field "${field}": expected a map`,
    );
  }
  return v as Record<string, unknown>;
}

/** RFC 7386 JSON merge patch. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export function kv2Mount(kv: KvStore, clock: Clock, prefix = 'secret/'): Mount {
  const checkCas = (req: VaultRequest, key: string) => {
    const options = req.data.options === undefined ? {} : objectArg(req.data.options, 'options');
    const cas = weakInt(options.cas, 'cas');
    const m = kv.meta(key);
    if (cas === undefined && m?.casRequired)
      throw badRequest('check-and-set parameter required for this call');
    if (cas !== undefined && cas !== (m?.currentVersion ?? 0)) {
      throw badRequest('check-and-set parameter did not match the current version');
    }
  };
  const written = (key: string, data: Record<string, unknown>): LogicalResponse => {
    const { version, entry } = kv.write(key, data);
    return { data: kv.versionMetadata(kv.meta(key)!, version, entry) };
  };
  const markVersions = (
    key: string,
    req: VaultRequest,
    apply: (v: import('./kv2-store.js').KvVersion) => void,
  ) => {
    const versions = versionsArg(req);
    const m = kv.meta(requireKey(key));
    for (const n of versions) {
      const v = m?.versions.get(n);
      if (v && !v.destroyed) apply(v);
    }
    return null;
  };

  return {
    prefix,
    type: 'kv',
    fallback: () => {
      throw new VaultError(404, [], { data: null, warnings: [INVALID_PATH], mount_type: 'kv' });
    },
    routes: [
      {
        pattern: /^data\/(.*)$/,
        exists: ([key]) => kv.meta(key) !== undefined,
        ops: {
          read: (req, [key]) => {
            const m = kv.meta(requireKey(key));
            if (!m) throw notFound();
            const asked = weakInt(req.data.version, 'version') ?? 0;
            const n = asked > 0 ? asked : m.currentVersion;
            const v = m.versions.get(n);
            if (!v) throw notFound();
            const metadata = kv.versionMetadata(m, n, v);
            if (!kv.isLive(v)) return { status: 404, data: { data: null, metadata } };
            return { data: { data: v.data, metadata } };
          },
          update: (req, [key]) => {
            requireKey(key);
            if (req.data.data === undefined) throw badRequest('no data provided');
            const data = objectArg(req.data.data, 'data');
            checkCas(req, key);
            return written(key, data);
          },
          patch: (req, [key]) => {
            const m = kv.meta(requireKey(key));
            const current = m?.versions.get(m.currentVersion);
            if (!m || !kv.isLive(current)) throw notFound();
            if (req.data.data === undefined) throw badRequest('no data provided');
            checkCas(req, key);
            const merged = mergePatch(current.data, objectArg(req.data.data, 'data'));
            return written(key, merged as Record<string, unknown>);
          },
          delete: (_req, [key]) => {
            const m = kv.meta(requireKey(key));
            const current = m?.versions.get(m.currentVersion);
            if (current && kv.isLive(current)) current.deletionMs = clock.now();
            return null;
          },
        },
      },
      {
        pattern: /^metadata\/(.*)$/,
        exists: ([key]) => kv.meta(key) !== undefined,
        ops: {
          read: (_req, [key]) => {
            const m = kv.meta(requireKey(key));
            if (!m) throw notFound();
            return { data: kv.metadataResponse(m) };
          },
          list: (_req, [folder]) => {
            const keys = kv.list(folder);
            if (!keys.length) throw notFound();
            return { data: { keys } };
          },
          update: (req, [key]) => {
            requireKey(key);
            const maxVersions = weakInt(req.data.max_versions, 'max_versions');
            const casRequired = weakBool(req.data.cas_required, 'cas_required');
            const dva = weakDuration(req.data.delete_version_after, 'delete_version_after');
            const custom = weakStringMap(req.data.custom_metadata, 'custom_metadata');
            if (maxVersions !== undefined && maxVersions < 0)
              throw badRequest('max_versions must be >= 0');
            if (custom && Object.keys(custom).length > 64) {
              throw badRequest(
                'custom_metadata validation failed: payload must contain at most 64 keys',
              );
            }
            const m = kv.ensureMeta(key);
            if (maxVersions !== undefined) m.maxVersions = maxVersions;
            if (casRequired !== undefined) m.casRequired = casRequired;
            if (dva !== undefined) m.deleteVersionAfter = dva;
            if (custom !== undefined) m.customMetadata = custom;
            m.updatedMs = clock.now();
            kv.prune(m);
            return null;
          },
          delete: (_req, [key]) => {
            kv.deleteMeta(requireKey(key));
            return null;
          },
        },
      },
      {
        pattern: /^delete\/(.*)$/,
        ops: {
          update: (req, [key]) =>
            markVersions(key, req, (v) => {
              if (!kv.isDeleted(v)) v.deletionMs = clock.now();
            }),
        },
      },
      {
        pattern: /^undelete\/(.*)$/,
        ops: { update: (req, [key]) => markVersions(key, req, (v) => void (v.deletionMs = null)) },
      },
      {
        pattern: /^destroy\/(.*)$/,
        ops: {
          update: (req, [key]) =>
            markVersions(key, req, (v) => {
              v.destroyed = true;
              v.data = null;
            }),
        },
      },
    ],
  };
}

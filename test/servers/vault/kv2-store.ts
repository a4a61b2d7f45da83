// The data model of a KV version 2 mount: per key a metadata record and its versions. Versions
// beyond max_versions (10 when unset, Vault's default) are dropped oldest first; a version is
// deleted once its deletion time has passed (delete_version_after sets it ahead of time).
import type { Clock } from './clock.js';
import { rfc3339 } from './clock.js';
import { goDuration } from './duration.js';

export const DEFAULT_MAX_VERSIONS = 10;

export interface KvVersion {
  createdMs: number;
  deletionMs: number | null;
  destroyed: boolean;
  data: Record<string, unknown> | null;
}

export interface KvMetadata {
  createdMs: number;
  updatedMs: number;
  currentVersion: number;
  oldestVersion: number;
  maxVersions: number;
  casRequired: boolean;
  deleteVersionAfter: number; // seconds
  customMetadata: Record<string, string> | null;
  versions: Map<number, KvVersion>;
}

export class KvStore {
  private readonly keys = new Map<string, KvMetadata>();

  constructor(private readonly clock: Clock) {}

  meta(key: string): KvMetadata | undefined {
    return this.keys.get(key);
  }

  ensureMeta(key: string): KvMetadata {
    let m = this.keys.get(key);
    if (!m) {
      const now = this.clock.now();
      m = {
        createdMs: now,
        updatedMs: now,
        currentVersion: 0,
        oldestVersion: 0,
        maxVersions: 0,
        casRequired: false,
        deleteVersionAfter: 0,
        customMetadata: null,
        versions: new Map(),
      };
      this.keys.set(key, m);
    }
    return m;
  }

  isDeleted(v: KvVersion): boolean {
    return v.deletionMs !== null && v.deletionMs <= this.clock.now();
  }

  isLive(v: KvVersion | undefined): v is KvVersion {
    return !!v && !v.destroyed && !this.isDeleted(v);
  }

  /** Writes a new version; returns it and its number. */
  write(key: string, data: Record<string, unknown>): { version: number; entry: KvVersion } {
    const m = this.ensureMeta(key);
    const now = this.clock.now();
    const version = m.currentVersion + 1;
    const entry: KvVersion = {
      createdMs: now,
      deletionMs: m.deleteVersionAfter > 0 ? now + m.deleteVersionAfter * 1000 : null,
      destroyed: false,
      data,
    };
    m.versions.set(version, entry);
    m.currentVersion = version;
    m.updatedMs = now;
    this.prune(m);
    return { version, entry };
  }

  prune(m: KvMetadata) {
    const max = m.maxVersions > 0 ? m.maxVersions : DEFAULT_MAX_VERSIONS;
    const numbers = [...m.versions.keys()].sort((a, b) => a - b);
    while (numbers.length > max) m.versions.delete(numbers.shift()!);
    if (numbers.length && numbers[0] > 1) m.oldestVersion = numbers[0];
  }

  deleteMeta(key: string) {
    this.keys.delete(key);
  }

  /** Immediate children of a folder ("" = top): keys, and sub-folders with a trailing "/". */
  list(folder: string): string[] {
    const out = new Set<string>();
    for (const key of this.keys.keys()) {
      if (!key.startsWith(folder)) continue;
      const rest = key.slice(folder.length);
      if (!rest) continue;
      const slash = rest.indexOf('/');
      out.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return [...out].sort();
  }

  versionMetadata(m: KvMetadata, version: number, v: KvVersion) {
    return {
      created_time: rfc3339(v.createdMs),
      custom_metadata: m.customMetadata,
      deletion_time: v.deletionMs === null ? '' : rfc3339(v.deletionMs),
      destroyed: v.destroyed,
      version,
    };
  }

  metadataResponse(m: KvMetadata) {
    const versions: Record<string, unknown> = {};
    for (const [n, v] of [...m.versions].sort((a, b) => a[0] - b[0])) {
      versions[String(n)] = {
        created_time: rfc3339(v.createdMs),
        deletion_time: v.deletionMs === null ? '' : rfc3339(v.deletionMs),
        destroyed: v.destroyed,
      };
    }
    return {
      cas_required: m.casRequired,
      created_time: rfc3339(m.createdMs),
      current_version: m.currentVersion,
      custom_metadata: m.customMetadata,
      delete_version_after: goDuration(m.deleteVersionAfter),
      max_versions: m.maxVersions,
      oldest_version: m.oldestVersion,
      updated_time: rfc3339(m.updatedMs),
      versions,
    };
  }
}

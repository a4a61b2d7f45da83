import { readFileSync } from 'node:fs';
import type { Param } from './define.js';
import type { VarType } from './vars.js';

/**
 * What `tasks --list` and `--help` need, written at build time from the
 * namespaces' declarations, so answering them imports no namespace code.
 */
export interface ManifestVar {
  name: string;
  type: VarType;
  description: string;
  default?: string;
  values?: readonly string[];
  secret?: boolean;
}

export interface ManifestRecipe {
  name: string;
  description: string;
  params: Param[];
  vars: string[];
  rawArgs?: boolean;
}

export interface ManifestNamespace {
  name: string;
  description: string;
  vars: ManifestVar[];
  recipes: ManifestRecipe[];
}

export interface Manifest {
  version: string;
  namespaces: ManifestNamespace[];
}

// The manifest sits beside the CLI entry file (dist/tasks/ for the compiled tree,
// dist/bundle/ for the bundle); the entry tells where, since a module's own
// location differs between the two layouts.
let location = new URL('../manifest.json', import.meta.url);
let cached: Manifest | undefined;

export function setManifestLocation(url: URL): void {
  location = url;
  cached = undefined;
}

export function readManifest(): Manifest {
  return (cached ??= JSON.parse(readFileSync(location, 'utf8')) as Manifest);
}

export function findVar(manifest: Manifest, name: string): ManifestVar | undefined {
  for (const ns of manifest.namespaces) {
    const found = ns.vars.find((v) => v.name === name);
    if (found) return found;
  }
  return undefined;
}

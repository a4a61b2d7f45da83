import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { namespaceLoaders } from '../namespaces.js';
import type { Namespace } from './define.js';
import type { Manifest, ManifestNamespace } from './manifest.js';
import { projectRoot } from './paths.js';

/** Serialises every namespace's declarations (build time only). */
export async function buildManifest(): Promise<Manifest> {
  const version = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'))
    .version as string;
  const namespaces: ManifestNamespace[] = [];
  for (const load of Object.values(namespaceLoaders)) {
    namespaces.push(describe((await load()).default));
  }
  return { version, namespaces };
}

function describe(ns: Namespace): ManifestNamespace {
  return {
    name: ns.name,
    description: ns.description,
    vars: Object.entries(ns.vars).map(([name, spec]) => ({
      name,
      type: spec.type,
      description: spec.description,
      ...(spec.default !== undefined && { default: spec.default }),
      ...(spec.values && { values: spec.values }),
      ...(spec.secret && { secret: true }),
    })),
    recipes: ns.recipes.map((r) => ({
      name: r.name,
      description: r.description,
      params: [...r.params],
      vars: [...r.vars],
      ...(r.rawArgs && { rawArgs: true }),
    })),
  };
}

/** Writes tasks/manifest.json beside the compiled CLI entry. */
export async function writeManifest(): Promise<void> {
  writeFileSync(
    new URL('../manifest.json', import.meta.url),
    `${JSON.stringify(await buildManifest(), null, 1)}\n`,
  );
}

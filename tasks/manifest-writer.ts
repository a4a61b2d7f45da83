// Build time only (scripts/build.js runs it after tsc): serialises every namespace's
// declarations into manifest.json, so `tasks --list` and `--help` answer without importing
// any namespace. It sits beside the entry point, not in the core, because it imports every
// namespace.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest, ManifestNamespace } from './core/manifest.js';
import { projectRoot, type Namespace, type NamespaceTable } from './core/index.js';
import { namespaces } from './namespaces.js';

export async function buildManifest(table: NamespaceTable = namespaces): Promise<Manifest> {
  const version = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'))
    .version as string;
  const described: ManifestNamespace[] = [];
  for (const load of Object.values(table)) described.push(describe((await load()).default));
  return { version, namespaces: described };
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

/** Writes manifest.json beside the compiled CLI entry (dist/tasks/). */
export async function writeManifest(): Promise<void> {
  writeFileSync(
    new URL('./manifest.json', import.meta.url),
    `${JSON.stringify(await buildManifest(), null, 1)}\n`,
  );
}

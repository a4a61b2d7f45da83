import { isPrivate } from './help.js';
import { findVar, type Manifest, type ManifestNamespace, type ManifestVar } from './manifest.js';

/**
 * `tasks --list --json`: the manifest in a stable shape for other tools. Every field is
 * always present (null when there is no default), so a consumer needs no guessing;
 * secrets are described, never valued.
 */
export function listingJson(manifest: Manifest, only: ManifestNamespace[]): string {
  const variable = (v: ManifestVar) => ({
    name: v.name,
    type: v.type,
    description: v.description,
    default: v.default ?? null,
    values: v.values ? [...v.values] : null,
    secret: v.secret === true,
  });
  const out = {
    version: manifest.version,
    namespaces: only.map((ns) => ({
      name: ns.name,
      description: ns.description,
      variables: ns.vars.map(variable),
      recipes: ns.recipes.map((r) => ({
        name: r.name,
        command: `${ns.name}:${r.name}`,
        description: r.description,
        private: isPrivate(r),
        parameters: r.params.map((p) => ({
          name: p.name,
          description: p.description ?? null,
          default: p.default ?? null,
          required: p.default === undefined && !p.optional && !p.variadic && !p.flag,
          variadic: p.variadic === true,
          flag: p.flag === true,
          secret: p.secret === true,
        })),
        variables: r.vars.map((name) => {
          const spec = findVar(manifest, name);
          return { name, default: spec?.default ?? null, secret: spec?.secret === true };
        }),
      })),
    })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

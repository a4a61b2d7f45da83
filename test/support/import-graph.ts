import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { projectRoot } from '../../tasks/core/paths.js';

/**
 * The imports between the TypeScript files under tasks/, read from the sources (static
 * imports and re-exports, type-only ones included, and dynamic `import('…')`): the graph
 * the architecture tests walk. Paths are relative to tasks/, e.g. "core/exec.ts".
 */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
}

export const TASKS_DIR = join(projectRoot, 'tasks');

// `import … from '…'`, `import type …`, `export … from '…'`, `import '…'` at the start of a
// line (so comments and strings that mention an import are not read as one), and `import('…')`.
const STATIC = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

export function importGraph(root = TASKS_DIR): { files: string[]; edges: ImportEdge[] } {
  const files = sourceFiles(root);
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const add = (spec: string, typeOnly: boolean) => {
      if (!spec.startsWith('.')) return; // node: and packages
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      edges.push({ from: relative(root, file), to: relative(root, target), typeOnly });
    };
    for (const m of text.matchAll(STATIC)) add(m[2]!, Boolean(m[1]));
    for (const m of text.matchAll(DYNAMIC)) add(m[1]!, false);
  }
  return { files: files.map((f) => relative(root, f)), edges };
}

/** Every import cycle, as the files of each strongly connected component (Tarjan), sorted. */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const selfLoop = (next.get(v) ?? []).includes(v);
    if (component.length > 1 || selfLoop) cycles.push(component.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

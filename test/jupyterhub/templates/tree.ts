// Walking parsed YAML in tests without `any`.
import * as assert from 'uvu/assert';

export type Tree = Record<string, unknown>;

/** The value at `path`, failing the test with the path when a step is missing. */
export function at(root: unknown, ...path: (string | number)[]): unknown {
  let cur = root;
  for (const [i, key] of path.entries()) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) {
      assert.unreachable(`no ${path.slice(0, i + 1).join(' > ')}`);
    }
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

export function has(root: unknown, ...path: string[]): boolean {
  let cur = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in cur)) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}

export function list(root: unknown, ...path: (string | number)[]): unknown[] {
  const v = at(root, ...path);
  assert.ok(Array.isArray(v), `${path.join(' > ')} is not a list`);
  return v as unknown[];
}

export function str(root: unknown, ...path: (string | number)[]): string {
  const v = at(root, ...path);
  assert.type(v, 'string', `${path.join(' > ')} is not a string`);
  return v as string;
}

// JSON patch (RFC 6902) and JSON merge patch (RFC 7386) as the API server applies them,
// with evanphx/json-patch's error wording. Returns the new object or an error text.
import type { K8sObject } from './types.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const unescape = (t: string): string => t.replace(/~1/g, '/').replace(/~0/g, '~');

export function applyMergePatch(target: K8sObject, patch: unknown): K8sObject | string {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch))
    return 'json: cannot unmarshal array into Go value of type map[string]interface {}';
  const merge = (t: any, p: any): any => {
    if (!p || typeof p !== 'object' || Array.isArray(p)) return clone(p);
    const out = t && typeof t === 'object' && !Array.isArray(t) ? { ...t } : {};
    for (const [k, v] of Object.entries(p)) {
      if (v === null) delete out[k];
      else out[k] = merge(out[k], v);
    }
    return out;
  };
  return merge(clone(target), patch);
}

export function applyJsonPatch(target: K8sObject, ops: unknown): K8sObject | string {
  if (!Array.isArray(ops))
    return 'json: cannot unmarshal object into Go value of type jsonpatch.Patch';
  const doc: any = clone(target);
  for (const op of ops as Array<{ op: string; path: string; value?: unknown }>) {
    const tokens = String(op.path ?? '')
      .split('/')
      .slice(1)
      .map(unescape);
    const last = tokens.pop();
    let parent: any = doc;
    for (const t of tokens) parent = parent?.[Array.isArray(parent) ? Number(t) : t];
    const missing = `doc is missing path: "${op.path}": missing value`;
    if (last === undefined || parent === undefined || parent === null || typeof parent !== 'object')
      return `jsonpatch ${op.op} operation does not apply: ${missing}`;
    const has = Array.isArray(parent) ? Number(last) < parent.length : last in parent;
    switch (op.op) {
      case 'remove':
        if (!has) return `jsonpatch remove operation does not apply: ${missing}`;
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      case 'replace':
        if (!has) return `jsonpatch replace operation does not apply: ${missing}`;
        parent[last] = clone(op.value);
        break;
      case 'add':
        if (Array.isArray(parent))
          parent.splice(last === '-' ? parent.length : Number(last), 0, clone(op.value));
        else parent[last] = clone(op.value);
        break;
      case 'test':
        if (JSON.stringify(parent[last]) !== JSON.stringify(op.value))
          return `testing value ${op.path} failed: test failed`;
        break;
      default:
        return `Unexpected kind: ${op.op}`;
    }
  }
  return doc;
}

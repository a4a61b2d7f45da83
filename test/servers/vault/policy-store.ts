// Named ACL policies. "root" always exists, grants everything and cannot be changed; "default"
// exists from the start, can be changed but not deleted. Names are lower-cased like Vault's.
import { Acl } from './acl.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { badRequest } from './errors.js';
import { parsePolicy, PolicyParseError, type PathRule } from './policy.js';

interface StoredPolicy {
  text: string;
  rules: PathRule[];
}

export class PolicyStore {
  private readonly policies = new Map<string, StoredPolicy>();

  constructor() {
    this.policies.set('default', { text: DEFAULT_POLICY, rules: parsePolicy(DEFAULT_POLICY) });
  }

  static normalize(name: string): string {
    return name.trim().toLowerCase();
  }

  names(): string[] {
    return [...this.policies.keys(), 'root'].sort();
  }

  has(name: string): boolean {
    const n = PolicyStore.normalize(name);
    return n === 'root' || this.policies.has(n);
  }

  /** HCL text; "" for root like Vault; undefined when missing. */
  get(name: string): string | undefined {
    const n = PolicyStore.normalize(name);
    if (n === 'root') return '';
    return this.policies.get(n)?.text;
  }

  set(name: string, text: string) {
    const n = PolicyStore.normalize(name);
    if (!n) throw badRequest('policy name must be provided');
    if (n === 'root') throw badRequest('cannot update "root" policy');
    let rules: PathRule[];
    try {
      rules = parsePolicy(text);
    } catch (e) {
      if (e instanceof PolicyParseError) throw badRequest(`failed to parse policy: ${e.message}`);
      throw e;
    }
    this.policies.set(n, { text, rules });
  }

  delete(name: string) {
    const n = PolicyStore.normalize(name);
    if (n === 'root' || n === 'default') throw badRequest(`cannot delete "${n}" policy`);
    this.policies.delete(n);
  }

  /** The merged ACL of the named policies; missing policies contribute nothing. */
  acl(names: string[]): Acl {
    return new Acl(names.map((n) => this.policies.get(PolicyStore.normalize(n))?.rules ?? []));
  }
}

// A deliberately strict reader for the subset of HCL that Vault policies here use:
//   path "<path>" { capabilities = ["<cap>", ...] }
// plus `#` / `//` line comments. Anything else is an error, so a typo in a policy
// file fails the test instead of being skipped over.

export type PolicyPaths = Map<string, string[]>;

const TOKEN = /\s+|#[^\n]*|\/\/[^\n]*|"(?:[^"\\\n]|\\.)*"|[{}[\]=,]|[A-Za-z_][A-Za-z0-9_-]*/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`unexpected character at offset ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
    const t = m[0];
    if (!/^\s/.test(t) && !t.startsWith('#') && !t.startsWith('//')) tokens.push(t);
  }
  return tokens;
}

export function readPolicy(text: string): PolicyPaths {
  const tokens = tokenize(text);
  const paths: PolicyPaths = new Map();
  let i = 0;
  const next = (): string => {
    const t = tokens[i++];
    if (t === undefined) throw new Error('unexpected end of policy');
    return t;
  };
  const expect = (want: string): void => {
    const t = next();
    if (t !== want) throw new Error(`expected ${want}, got ${t}`);
  };
  const string = (): string => {
    const t = next();
    if (!t.startsWith('"')) throw new Error(`expected a string, got ${t}`);
    return JSON.parse(t) as string;
  };
  while (i < tokens.length) {
    expect('path');
    const path = string();
    if (paths.has(path)) throw new Error(`path "${path}" appears twice`);
    expect('{');
    expect('capabilities');
    expect('=');
    expect('[');
    const caps: string[] = [];
    for (let t = next(); t !== ']'; t = next()) {
      if (t === ',') continue;
      i--;
      caps.push(string());
    }
    expect('}');
    paths.set(path, caps);
  }
  return paths;
}

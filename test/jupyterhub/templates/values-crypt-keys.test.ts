// The rendered extraConfig `crypt-keys` run the way the chart runs it: after the chart's
// jupyterhub_config.py has set CryptKeeper.keys from its own Secret (line 497 of chart
// 4.3.2, line 478 of 4.2.0), with a real traitlets Config and the real CryptKeeper
// (Debian's JupyterHub), the hub's keys are the ones of JUPYTERHUB_CRYPT_KEY, in order.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHelmYaml } from '../../support/z2jh.js';
import { COMBOS } from './combos.js';
import { renderValues } from './render.js';
import { python3, run } from './tools.js';

const test = suite('jupyterhub values: extraConfig crypt-keys gives the hub our keys');

const RUN = `
import json, os, sys
from traitlets.config import Config
from jupyterhub.crypto import CryptKeeper
snippet = sys.stdin.read()
c = Config()
# the chart's own line
c.CryptKeeper.keys = os.environ["CHART_KEYS"].split(";")
exec(compile(snippet, "crypt-keys", "exec"), {"c": c})
try:
    print(json.dumps({"keys": [k.hex() for k in CryptKeeper(config=c).keys]}))
except Exception as e:  # ValueError, re-raised by some traitlets versions as TypeError
    cause = e.__context__ if isinstance(e, TypeError) and e.__context__ else e
    print(json.dumps({"error": str(cause)}))
`;

const snippetOf = (yaml: string): string =>
  (parseHelmYaml(yaml) as any).hub.extraConfig['crypt-keys'] as string;

function hubKeys(snippet: string, ours: string, chart: string): { keys?: string[]; error?: string } {
  const r = run(python3(), ['-c', RUN], {
    input: snippet,
    env: { PATH: process.env.PATH, JUPYTERHUB_CRYPT_KEY: ours, CHART_KEYS: chart },
  });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const hex = () => randomBytes(32).toString('hex');

test('every combination renders the same snippet', () => {
  const snippets = new Set(COMBOS.map((c) => snippetOf(renderValues(c.env).yaml)));
  assert.is(snippets.size, 1);
});

test("our keys, in order, replace the chart's; blanks and empty entries ignored", () => {
  const snippet = snippetOf(renderValues(COMBOS[0]!.env).yaml);
  const [a, b, chart] = [hex(), hex(), hex()];
  assert.equal(hubKeys(snippet, `${a};${b}`, chart), { keys: [a, b] });
  assert.equal(hubKeys(snippet, ` ${a} ; ;${b};`, chart), { keys: [a, b] });
  // base64 keys are decoded to the same 32 bytes
  const raw = randomBytes(32);
  assert.equal(hubKeys(snippet, raw.toString('base64'), chart), { keys: [raw.toString('hex')] });
});

test('a key CryptKeeper refuses stops the hub (the old 48-character key would)', () => {
  const snippet = snippetOf(renderValues(COMBOS[0]!.env).yaml);
  const r = hubKeys(snippet, 'A'.repeat(48), hex());
  assert.match(r.error ?? '', 'Encryption keys must be 32 bytes');
});

test.run();

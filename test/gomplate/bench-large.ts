// For `npm run bench`: a 5,000-line template rendered in-process (parse included, then
// cached) against the real gomplate's whole run (`gomplate -f IN -o OUT`) on the same file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from '../../tasks/gomplate/index.js';
import { ensureGomplate } from './gomplate.js';

function largeTemplate(lines: number): string {
  const out: string[] = ['{{- $items := coll.Slice "a" "b" "c" -}}'];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `service${i}:`,
      `  name: {{ .Env.NAME | strings.ToUpper }}-${i}`,
      `  replicas: {{ add ${i % 5} 1 }}`,
      `  {{- if eq .Env.MODE "prod" }}`,
      `  tier: production`,
      `  {{- else }}`,
      `  tier: {{ .Env.MODE | quote }}`,
      `  {{- end }}`,
      `  items: [{{ range $i, $e := $items }}{{ if $i }}, {{ end }}{{ $e }}{{ end }}]`,
      `  checksum: {{ printf "%08x" ${i * 7919} }}`,
    );
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export interface LargeBench {
  lines: number;
  /** the first render in this process: parse and render with a cold JIT */
  coldMs: number;
  /** median parse and render of 9 texts the cache has not seen (warm JIT) */
  uncachedMs: number;
  /** average render of a cached parse */
  cachedMs: number;
  /** median of 5 whole runs of `gomplate -f IN -o OUT` */
  gomplateMs: number;
  same: boolean;
}

const msSince = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function measureLarge(): LargeBench {
  const text = largeTemplate(5000);
  const env = { NAME: 'svc', MODE: 'prod' };
  let t0 = process.hrtime.bigint();
  const out = render(text, { name: 'large.tmpl', env });
  const coldMs = msSince(t0);
  // a trailing comment makes a new text (a cache miss) with the same output
  const uncached: number[] = [];
  for (let i = 0; i < 9; i++) {
    const fresh = `${text}{{/* ${i} */}}`;
    t0 = process.hrtime.bigint();
    render(fresh, { name: 'large.tmpl', env });
    uncached.push(msSince(t0));
  }
  t0 = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) render(text, { name: 'large.tmpl', env });
  const cachedMs = msSince(t0) / 20;
  const dir = mkdtempSync(join(tmpdir(), 'bench-large-'));
  try {
    writeFileSync(join(dir, 'large.tmpl'), text);
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = process.hrtime.bigint();
      spawnSync(ensureGomplate(), ['-f', 'large.tmpl', '-o', 'out.yaml'], { cwd: dir, env });
      runs.push(msSince(t0));
    }
    const same = readFileSync(join(dir, 'out.yaml'), 'utf8') === out;
    return {
      lines: 5000,
      coldMs,
      uncachedMs: median(uncached),
      cachedMs,
      gomplateMs: median(runs),
      same,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

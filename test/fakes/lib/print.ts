// Output encodings as the Go CLIs produce them: kubectl marshals unstructured maps, so keys
// come out sorted, indented by 4 spaces; helm prints compact JSON.

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v as object).sort()) out[k] = sortKeys((v as any)[k]);
    return out;
  }
  return v;
}

export function kubectlJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 4)}\n`;
}

export async function kubectlYaml(v: unknown): Promise<string> {
  // Loaded only here: most calls never print YAML and the fakes must start fast.
  const YAML = await import('yaml');
  return YAML.stringify(sortKeys(v), { lineWidth: 0 });
}

export function kubectlList(items: unknown[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Go's time.Time String(): "2025-11-22 05:51:00.123456789 +0000 UTC". */
export function goTime(iso: string | undefined): string {
  const d = iso ? new Date(iso) : new Date();
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return (
    `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.` +
    `${p(d.getUTCMilliseconds(), 3)}000000 +0000 UTC`
  );
}

/** helm's "LAST DEPLOYED: Mon Jan  2 15:04:05 2006" (ANSIC). */
export function ansic(iso: string | undefined): string {
  const d = iso ? new Date(iso) : new Date();
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`
  );
}

/** Close matches for an unknown name: edit distance, then shared prefix/substring. */
export function suggest(input: string, candidates: readonly string[], max = 3): string[] {
  const scored = candidates.map((c) => ({
    c,
    d: distance(input, c) - (c.includes(input) ? 2 : 0),
  }));
  const limit = Math.max(2, Math.floor(input.length / 3));
  return scored
    .filter((s) => s.d <= limit || s.c.includes(input) || input.includes(s.c.split(':')[1] ?? '\0'))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((s) => s.c);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

// `npm run bench`: the figures the issues set targets for, measured on this machine in one run.
// Not part of `npm test` (timings on a shared machine are not pass/fail material).
import { measureColdStart } from './cold-start.js';
import { measureInstall } from './install.js';
import { measureRender } from './render.js';
import { measureLarge } from '../gomplate/bench-large.js';

const line = (label: string, value: string, target: string) =>
  console.log(`${label.padEnd(40)} ${value.padEnd(28)} ${target}`);

console.log(
  'cold start (median of 25, interleaved; ratio to `node -e 0` measured in the same run)',
);
for (const r of measureColdStart(25)) {
  line(
    `  ${r.label}`,
    `${r.medianMs.toFixed(1)} ms  ${r.ratio.toFixed(2)}×`,
    r.label === 'node -e 0' ? '' : 'target ≤ 1.50×',
  );
}

console.log('\njupyterhub:install, fresh fake cluster, every kubectl/helm call delayed 100 ms');
for (const dry of [false, true]) {
  const r = await measureInstall(dry);
  const tools = Object.entries(r.byTool)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  line(
    `  ${r.label}`,
    `${(r.wallMs / 1000).toFixed(2)} s, ${r.processes} processes`,
    dry ? '' : 'target < 3 s, ≤ 12 processes',
  );
  console.log(`    exit ${r.exit}; ${tools}`);
}

console.log('\ntemplate engine: the Z2JH values template (every feature on), parse cached');
const t = await measureRender(1000);
line(`  ${t.lines} output lines, first render`, `${t.firstMs.toFixed(2)} ms`, '');
line('  each of 1,000 renders', `${t.eachMs.toFixed(3)} ms`, 'target < 1 ms');

console.log('\ntemplate engine: a 5,000-line template against the real gomplate v4.3.3');
const big = measureLarge();
const ratio = (ms: number) => `${(ms / big.gomplateMs).toFixed(2)}× gomplate`;
line(
  '  gomplate -f -o, whole run (median of 5)',
  `${big.gomplateMs.toFixed(1)} ms`,
  big.same ? 'same bytes' : 'OUTPUT DIFFERS',
);
line(
  '  in-process, first render (cold JIT)',
  `${big.coldMs.toFixed(1)} ms  ${ratio(big.coldMs)}`,
  '',
);
line(
  '  in-process, parse + render (uncached)',
  `${big.uncachedMs.toFixed(1)} ms  ${ratio(big.uncachedMs)}`,
  'target < 1×',
);
line(
  '  in-process, parse cached',
  `${big.cachedMs.toFixed(1)} ms  ${ratio(big.cachedMs)}`,
  'target < 1×',
);

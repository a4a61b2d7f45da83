// `npm run bench`: the figures the issues set targets for, measured on this machine in one run.
// Not part of `npm test` (timings on a shared machine are not pass/fail material).
import { measureColdStart } from './cold-start.js';
import { measureInstall, type InstallRun } from './install.js';
import { measureUpstreamInstall, type UpstreamRun } from './upstream.js';
import { findBao } from './bao.js';
import { measureStackInstall } from './stack-install.js';
import { measureRender } from './render.js';
import { measureLarge } from '../gomplate/bench-large.js';

const line = (label: string, value: string, target: string) =>
  console.log(`${label.padEnd(40)} ${value.padEnd(28)} ${target}`);

const ROUNDS = 41;
console.log(
  `cold start (${ROUNDS} rounds, interleaved; wall: median, CPU: mean; ratios to \`node -e 0\` in the same run)`,
);
for (const r of measureColdStart(ROUNDS)) {
  line(
    `  ${r.label}`,
    `${r.medianMs.toFixed(1)} ms  ${r.ratio.toFixed(2)}×` +
      (r.cpuMs === undefined ? '' : `  CPU ${r.cpuMs.toFixed(1)} ms  ${r.cpuRatio!.toFixed(2)}×`),
    r.label === 'node -e 0'
      ? ''
      : r.label.startsWith('npx')
        ? 'npm start-up included'
        : r.label.includes('npm link')
          ? 'target ≤ 1.30×'
          : 'target ≤ 1.50×',
  );
}

console.log(
  '\njupyterhub:install, fresh fake cluster; every kubectl/helm call and Vault/Keycloak request delayed 100 ms;\nhub and proxy ready 2 s after helm created them',
);
const bao = findBao();
const scenarios = bao ? (['minimal', 'full'] as const) : (['minimal'] as const);
if (bao)
  console.log(`  full install: Vault is a real OpenBao dev server (${bao}), HTTPS, same delay`);
else
  console.log(
    '  full install: skipped (no OpenBao built: run `npm run stack:up` once to build it)',
  );
const ours: Partial<Record<'minimal' | 'full', InstallRun>> = {};
for (const scenario of scenarios) {
  for (const dry of [false, true]) {
    const r = await measureInstall(scenario, dry, { ...(bao && { baoBin: bao }) });
    if (!dry) ours[scenario] = r;
    const tools = Object.entries(r.byTool)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ');
    line(
      `  ${r.label}`,
      `${(r.wallMs / 1000).toFixed(2)} s, ${r.processes} processes`,
      dry ? '' : scenario === 'full' ? 'target ≤ 10 s' : '',
    );
    console.log(`    exit ${r.exit}; calls: ${tools}`);
    if (r.readySeenAfterMs !== undefined)
      line(
        '    Ready seen after it happened',
        `${r.readySeenAfterMs.toFixed(0)} ms`,
        'target ≤ 300 ms',
      );
  }
}
for (const scenario of scenarios) {
  const up: UpstreamRun = await measureUpstreamInstall(scenario, { ...(bao && { baoBin: bao }) });
  line(
    `  just jupyterhub::install, ${scenario}`,
    `${(up.wallMs / 1000).toFixed(2)} s, ${up.processes} processes`,
    `${up.clusterCalls} kubectl/helm calls`,
  );
  const our = ours[scenario]!;
  line(
    `  ${scenario} install, ours ÷ just`,
    `${(our.wallMs / up.wallMs).toFixed(2)}× time, ${(our.processes / up.processes).toFixed(2)}× processes`,
    'target ≤ 0.5×, ≤ 0.4×',
  );
}

console.log('\njupyterhub:install on the local real stack (npm run stack:up), when it runs');
const onStack = await measureStackInstall();
if (!onStack) console.log('  no local stack running: skipped');
for (const r of onStack ?? []) {
  line(
    `  ${r.label}`,
    `${(r.wallMs / 1000).toFixed(2)} s, ${r.processes} processes`,
    `exit ${r.exit}`,
  );
  line(
    r.alreadyReady
      ? '    wait returned after it began (ready already)'
      : '    wait returned after hub, proxy became ready (kubectl get -w)',
    r.readyLatencyMs === undefined
      ? 'not seen'
      : `${r.readyLatencyMs.toFixed(0)} ms${r.readyLatencyMs < 0 ? ' (the watch was later)' : ''}`,
    r.alreadyReady ? 'the watch starting up (kubectl)' : 'target ≤ 300 ms',
  );
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

// Issue 16.1: CPU and memory choices on every enabled profile (KubeSpawner profile_options).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseHelmYaml } from '../../support/z2jh.js';
import { COMBOS, RESOURCE_CHOICES } from './combos.js';
import { baseEnv, onlyProfiles, PROFILES, type TemplateEnv } from './env.js';
import { renderValues } from './render.js';

const test = suite('jupyterhub values: profile resource choices');

type Profile = { display_name: string; kubespawner_override: any; profile_options?: any };
const profiles = (env: TemplateEnv): Profile[] =>
  (parseHelmYaml(renderValues(env).yaml) as any).singleuser.profileList ?? [];

test('off (the default): no profile offers options, in any combination', () => {
  for (const combo of COMBOS)
    for (const p of profiles(combo.env)) assert.is(p.profile_options, undefined, combo.name);
});

test('on: every enabled profile offers the CPU and memory choices, the default preselected', () => {
  const list = profiles(baseEnv({ ...RESOURCE_CHOICES, ...onlyProfiles(...PROFILES) }));
  assert.is(list.length, PROFILES.length);
  for (const p of list) {
    const { cpu, memory } = p.profile_options;
    assert.equal(Object.keys(cpu.choices), ['2', '4', '8']);
    assert.equal(cpu.choices['4'], {
      display_name: '4 CPU',
      default: true,
      kubespawner_override: { cpu_guarantee: 4, cpu_limit: 4 },
    });
    assert.is(cpu.choices['2'].default, false);
    assert.equal(Object.keys(memory.choices), ['4G', '8G', '16G']);
    assert.equal(memory.choices['16G'], {
      display_name: '16G',
      default: false,
      kubespawner_override: { mem_guarantee: '16G', mem_limit: '16G' },
    });
    assert.is(memory.choices['4G'].default, true);
    // The profile's own override (its image) is untouched.
    assert.ok(p.kubespawner_override.image, p.display_name);
  }
});

test('fractional CPUs stay numbers; memory alone gives no CPU option', () => {
  const [cpuOnly] = profiles(
    baseEnv({ JUPYTER_PROFILE_CPU_CHOICES: '0.5,1', JUPYTER_PROFILE_CPU_DEFAULT: '0.5' }),
  );
  assert.equal(cpuOnly.profile_options.cpu.choices['0.5'].kubespawner_override, {
    cpu_guarantee: 0.5,
    cpu_limit: 0.5,
  });
  assert.is(cpuOnly.profile_options.memory, undefined);
  const [memOnly] = profiles(
    baseEnv({ JUPYTER_PROFILE_MEMORY_CHOICES: '2Gi', JUPYTER_PROFILE_MEMORY_DEFAULT: '2Gi' }),
  );
  assert.equal(Object.keys(memOnly.profile_options), ['memory']);
});

test('a GPU profile keeps its GPU limit: the choices override CPU and memory only', () => {
  const env = baseEnv({
    ...RESOURCE_CHOICES,
    ...onlyProfiles('BUUN_STACK_CUDA'),
    JUPYTERHUB_GPU_ENABLED: 'true',
    JUPYTERHUB_GPU_LIMIT: '2',
  });
  const values = parseHelmYaml(renderValues(env).yaml) as any;
  assert.equal(values.singleuser.extraResource, { limits: { 'nvidia.com/gpu': '2' } });
  const [cuda] = values.singleuser.profileList as Profile[];
  for (const option of Object.values<any>(cuda.profile_options))
    for (const choice of Object.values<any>(option.choices))
      assert.ok(
        Object.keys(choice.kubespawner_override).every((k) => /^(cpu|mem)_(guarantee|limit)$/.test(k)),
        JSON.stringify(choice.kubespawner_override),
      );
});

test.run();

import type { VarValues } from '../core/index.js';
import type { JupyterhubVars } from './vars.js';

// The variables as read (settings.ts's Settings; named here so the two files do not import each other).
type Settings = VarValues<JupyterhubVars>;

/** KubeSpawner's cpu_guarantee/cpu_limit are floats: a positive number of CPUs. */
const CPU = /^(?:\d+(?:\.\d+)?|\.\d+)$/;
/** KubeSpawner's ByteSpecification: a number with a K, M, G or T suffix (binary with i). */
const MEMORY = /^(?:\d+(?:\.\d+)?)(?:[KMGT]i?)$/;

/** "2, 4,8" → ["2", "4", "8"]; empty → none. */
export const splitChoices = (text: string): string[] =>
  text.trim() ? text.split(',').map((c) => c.trim()) : [];

interface ResourceVariables {
  choices: 'JUPYTER_PROFILE_CPU_CHOICES' | 'JUPYTER_PROFILE_MEMORY_CHOICES';
  default: 'JUPYTER_PROFILE_CPU_DEFAULT' | 'JUPYTER_PROFILE_MEMORY_DEFAULT';
  pattern: RegExp;
  expected: string;
}

const RESOURCES: ResourceVariables[] = [
  {
    choices: 'JUPYTER_PROFILE_CPU_CHOICES',
    default: 'JUPYTER_PROFILE_CPU_DEFAULT',
    pattern: CPU,
    expected: 'positive numbers of CPUs such as 2,4,8 or 0.5,1',
  },
  {
    choices: 'JUPYTER_PROFILE_MEMORY_CHOICES',
    default: 'JUPYTER_PROFILE_MEMORY_DEFAULT',
    pattern: MEMORY,
    expected: 'sizes with a K, M, G or T suffix (Ki, Mi, Gi, Ti too) such as 4G,8G,16G',
  },
];

/** Choices the spawner would refuse (or silently mis-read), found before any change. */
export function resourceChoiceProblems(s: Settings): string[] {
  const problems: string[] = [];
  for (const r of RESOURCES) {
    const choices = splitChoices(s[r.choices]);
    const bad = choices.filter((c) => !r.pattern.test(c) || Number.parseFloat(c) <= 0);
    if (bad.length)
      problems.push(`${r.choices} must list ${r.expected} (got ${JSON.stringify(s[r.choices])})`);
    else if (new Set(choices).size !== choices.length)
      problems.push(`${r.choices} lists a choice twice (got ${JSON.stringify(s[r.choices])})`);
    const chosen = s[r.default].trim();
    if (chosen && !choices.includes(chosen))
      problems.push(
        choices.length
          ? `${r.default} must be one of ${r.choices} (${choices.join(', ')}); got "${chosen}"`
          : `${r.default} is set ("${chosen}") but ${r.choices} is empty`,
      );
  }
  return problems;
}

/** The choices as the template reads them: no spaces, and the default filled in (the first). */
export function decideResourceChoices(
  s: Settings,
): Pick<Settings, ResourceVariables['choices'] | ResourceVariables['default']> {
  const out = {} as Record<ResourceVariables['choices'] | ResourceVariables['default'], string>;
  for (const r of RESOURCES) {
    const choices = splitChoices(s[r.choices]);
    out[r.choices] = choices.join(',');
    out[r.default] = s[r.default].trim() || (choices[0] ?? '');
  }
  return out;
}

// Issue 16.1: the resource choices are checked with the other variables, before any
// change, and install fills in the default (the first choice) under the variable's name.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TaskError } from '../../tasks/core/index.js';
import { decideResourceChoices } from '../../tasks/jupyterhub/profile-options.js';
import { loadSettings } from '../../tasks/jupyterhub/settings.js';
import { testContext } from '../support/context.js';

const test = suite('jupyterhub: profile resource choices');

const load = (env: Record<string, string>) => loadSettings(testContext({ env }).ctx);

async function problem(env: Record<string, string>): Promise<string> {
  try {
    await load(env);
  } catch (err) {
    assert.instance(err, TaskError);
    return (err as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

test('refused before any change, naming the variable', async () => {
  assert.match(
    await problem({ JUPYTER_PROFILE_CPU_CHOICES: '2,four' }),
    'JUPYTER_PROFILE_CPU_CHOICES must list positive numbers',
  );
  assert.match(
    await problem({ JUPYTER_PROFILE_CPU_CHOICES: '0,2' }),
    'JUPYTER_PROFILE_CPU_CHOICES must list',
  );
  assert.match(
    await problem({ JUPYTER_PROFILE_CPU_CHOICES: '2,,4' }),
    'JUPYTER_PROFILE_CPU_CHOICES must list',
  );
  assert.match(
    await problem({ JUPYTER_PROFILE_MEMORY_CHOICES: '4GB' }),
    'JUPYTER_PROFILE_MEMORY_CHOICES must list sizes',
  );
  assert.match(
    await problem({ JUPYTER_PROFILE_MEMORY_CHOICES: '4G,4G' }),
    'JUPYTER_PROFILE_MEMORY_CHOICES lists a choice twice',
  );
  assert.match(
    await problem({ JUPYTER_PROFILE_CPU_CHOICES: '2,4', JUPYTER_PROFILE_CPU_DEFAULT: '3' }),
    'JUPYTER_PROFILE_CPU_DEFAULT must be one of JUPYTER_PROFILE_CPU_CHOICES (2, 4); got "3"',
  );
  assert.match(
    await problem({ JUPYTER_PROFILE_MEMORY_DEFAULT: '8G' }),
    'JUPYTER_PROFILE_MEMORY_DEFAULT is set ("8G") but JUPYTER_PROFILE_MEMORY_CHOICES is empty',
  );
});

test('accepted: spaces around commas, fractions, binary suffixes; default = the first', async () => {
  const s = await load({
    JUPYTER_PROFILE_CPU_CHOICES: ' 0.5, 2 ,4',
    JUPYTER_PROFILE_MEMORY_CHOICES: '512Mi,8G',
    JUPYTER_PROFILE_MEMORY_DEFAULT: '8G',
  });
  assert.equal(decideResourceChoices(s), {
    JUPYTER_PROFILE_CPU_CHOICES: '0.5,2,4',
    JUPYTER_PROFILE_CPU_DEFAULT: '0.5',
    JUPYTER_PROFILE_MEMORY_CHOICES: '512Mi,8G',
    JUPYTER_PROFILE_MEMORY_DEFAULT: '8G',
  });
});

test('off by default: nothing to choose', async () => {
  assert.equal(decideResourceChoices(await load({})), {
    JUPYTER_PROFILE_CPU_CHOICES: '',
    JUPYTER_PROFILE_CPU_DEFAULT: '',
    JUPYTER_PROFILE_MEMORY_CHOICES: '',
    JUPYTER_PROFILE_MEMORY_DEFAULT: '',
  });
});

test.run();

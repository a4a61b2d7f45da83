// Renders templates/jupyterhub/* through the project's gomplate-compatible engine,
// the way the install code does (cwd = the output folder; the hook first, because
// the values template embeds it with `file.Read "pre_spawn_hook.py"`).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templatesDir } from '../../../tasks/core/paths.js';
import { render } from '../../../tasks/gomplate/index.js';
import type { TemplateEnv } from './env.js';

export const TEMPLATES_DIR = templatesDir('jupyterhub');

export const templateText = (file: string): string =>
  readFileSync(join(TEMPLATES_DIR, file), 'utf8');

export function renderTemplate(file: string, env: TemplateEnv, cwd: string = TEMPLATES_DIR): string {
  return render(templateText(file), {
    name: file,
    env,
    cwd,
    readFile: (absPath) => readFileSync(absPath, 'utf8'),
    fileExists: (p) => existsSync(p),
  });
}

export interface RenderedValues {
  /** The rendered jupyterhub-values.yaml. */
  yaml: string;
  /** The rendered pre_spawn_hook.py it embeds. */
  hook: string;
}

export function renderValues(env: TemplateEnv): RenderedValues {
  const out = mkdtempSync(join(tmpdir(), 'jupyterhub-values-'));
  try {
    const hook = renderTemplate('pre_spawn_hook.gomplate.py', env, out);
    writeFileSync(join(out, 'pre_spawn_hook.py'), hook);
    const yaml = renderTemplate('jupyterhub-values.gomplate.yaml', env, out);
    return { yaml, hook };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

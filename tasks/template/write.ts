import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { TaskError, type Ctx } from '../core/index.js';
import { isWhitespaceOnly, render, TemplateError } from '../gomplate/index.js';

export interface RenderToFile {
  /** the template file */
  template: string;
  /** where the result goes */
  out: string;
  /** `.Env` for the template: every name it reads must be present */
  env: Record<string, string>;
  /** base for file.Read (default: the output folder, like the old `cd module && gomplate`) */
  cwd?: string;
}

/**
 * Renders a template into a file with mode 0600 (rendered values can hold
 * secrets), atomically, so an interrupted run leaves no half-written file.
 * Returns the output path, or undefined when the result is only whitespace
 * (gomplate writes nothing then). Rendering is local: it happens in dry-run too.
 */
export function renderToFile(ctx: Ctx, job: RenderToFile): string | undefined {
  const text = renderText(job.template, job.env, job.cwd ?? dirname(job.out));
  if (isWhitespaceOnly(text)) return undefined;
  writePrivateFile(ctx, job.out, text);
  return job.out;
}

export function renderText(template: string, env: Record<string, string>, cwd: string): string {
  try {
    return render(readFileSync(template, 'utf8'), { name: basename(template), env, cwd });
  } catch (err: unknown) {
    if (err instanceof TemplateError)
      throw new TaskError(`cannot render ${template}: ${err.message}`);
    throw err;
  }
}

/** A rendered file, through the core: mode 0600, atomic, and checked by sha256 in a plan. */
export function writePrivateFile(ctx: Ctx, path: string, text: string): void {
  ctx.effects.writeArtifact(path, text, `rendered ${basename(path)}`);
}

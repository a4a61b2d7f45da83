// Small helpers for engine tests: render to "output" or "ERR: message".
import { type RenderOptions, TemplateError, render } from '../../tasks/gomplate/index.js';

/** Output, or `ERR: ` + the Go error after gomplate's "renderTemplate: … NAME: " prefix. */
export function r(text: string, opts: RenderOptions = {}): string {
  try {
    return render(text, opts);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return (
      'ERR: ' +
      e.gomplateMessage.replace(/^renderTemplate: (failed to render|parse) template [^:]*: /, '')
    );
  }
}

/** Just the message after "executing … at <…>: " (or the parse message). */
export function errMsg(text: string, opts: RenderOptions = {}): string {
  const out = r(text, opts);
  if (!out.startsWith('ERR: ')) return `no error (output ${JSON.stringify(out)})`;
  return out.replace(/^ERR: template: [^ ]*: (executing "[^"]*" at <.*?>: )?/, '');
}

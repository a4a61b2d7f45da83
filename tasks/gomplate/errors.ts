// The error a render throws: gomplate's full message plus the output written before it.

export class TemplateError extends Error {
  /** the `renderTemplate: …` (or gather) error string gomplate logs as "err" */
  readonly gomplateMessage: string;
  /** output produced before the error (gomplate has already written it) */
  readonly partial: string;

  constructor(gomplateMessage: string, partial = '') {
    super(gomplateMessage);
    this.name = 'TemplateError';
    this.gomplateMessage = gomplateMessage;
    this.partial = partial;
  }
}

import { namespace, recipe, type Ctx } from '../core/index.js';
import { render, renderFile, TemplateError } from '../gomplate/index.js';
import { fromBuffer } from '../gomplate/gostring.js';
import { runRenderCommand } from './render-command.js';

export { render, renderFile, TemplateError };

/** stdin's bytes, kept exact (invalid UTF-8 included) as a Go string. */
function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (d: Buffer) => chunks.push(d));
    process.stdin.on('end', () => resolve(fromBuffer(Buffer.concat(chunks))));
    process.stdin.on('error', reject);
  });
}

/** gomplate's command line, word for word: `-f IN -o OUT`, `-i TEXT`, `-d alias=path`, stdin. */
export async function renderCommand(ctx: Ctx, argv: string[]): Promise<number> {
  return runRenderCommand(argv, {
    cwd: ctx.cwd,
    env: { ...ctx.env },
    stdin: readStdin,
    stdout: (b) => ctx.write(b),
    stderr: (s) => process.stderr.write(s),
    files: ctx.effects,
  });
}

export default namespace({
  name: 'template',
  description: 'The gomplate-compatible template engine',
  vars: {},
  recipes: [
    recipe({
      name: 'render',
      description:
        'Render templates like gomplate 5.1 (-f IN -o OUT, -i TEXT, stdin, -d, -c, --input-dir/--output-dir, delimiters, --missing-key)',
      params: [{ name: 'argv', variadic: true, description: "gomplate's flags" }],
      rawArgs: true,
      run: (ctx, a) => renderCommand(ctx, a.argv),
    }),
  ],
});

// gomplate's tmpl namespace and `tpl`: named templates of the render's set, and inline
// templates parsed into it. The set itself is the render's (FuncContext.tmpl).
import { dynTypeName, type GoValue, type Val } from '../values.js';
import { DEFAULT_CONTEXT, type FuncContext, FuncError, type GoFunc, fn } from './types.js';

function host(ctx: FuncContext) {
  if (!ctx.tmpl) throw new FuncError('tmpl functions need a template set');
  return ctx.tmpl;
}

/** An `any` argument as the data of Template.Execute (nil: no value). */
const data = (v: unknown): Val => (v === null ? undefined : (v as GoValue));

/** tmpl.Template.parseArgs: (in), (name, in), (in, context) or (name, in, context). */
function inline(args: unknown[], ctx: FuncContext): string {
  if (args.length === 0 || args.length > 3)
    throw new FuncError(`wrong number of args for tpl: want 1, 2, or 3 - got ${args.length}`);
  const [first, second, third] = args;
  if (typeof first !== 'string')
    throw new FuncError(
      `wrong input: first arg must be string, got ${dynTypeName(first as GoValue)}`,
    );
  let name = '<inline>';
  let text = first;
  let context: Val | typeof DEFAULT_CONTEXT = DEFAULT_CONTEXT;
  if (args.length === 2) {
    if (typeof second === 'string') {
      name = first;
      text = second;
    } else context = data(second);
  } else if (args.length === 3) {
    name = first;
    // gomplate names the first argument's type in this message
    if (typeof second !== 'string')
      throw new FuncError(
        `wrong input: second arg (in) must be string, got ${dynTypeName(first as GoValue)}`,
      );
    text = second;
    context = data(third);
  }
  return host(ctx).inline(name, text, context);
}

export const TMPL: Record<string, GoFunc> = {
  Path: fn([], 'concrete', (_a, ctx) => host(ctx).path),
  PathDir: fn([], 'concrete', (_a, ctx) => host(ctx).pathDir()),
  Exec: fn(
    ['string'],
    'concrete',
    ([name, ...rest], ctx) =>
      host(ctx).exec(name as string, rest.length === 1 ? data(rest[0]) : DEFAULT_CONTEXT),
    'any',
  ),
  Inline: fn([], 'concrete', (args, ctx) => inline(args, ctx), 'any'),
};

export const TMPL_TOP: Record<string, GoFunc> = { tpl: TMPL.Inline! };

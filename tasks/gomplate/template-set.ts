// The template set one render works in, as gomplate's tmpl namespace reaches it:
// tmpl.Exec runs a named template of the set, tmpl.Inline/tpl parses more text into the
// set (text/template's root.New(name).Parse) and runs it. Inline may add or replace
// trees; the program is cached across renders, so the set is put back when the render
// ends.
import { ExecError, type Program, type Registry, TREE_PROGRAMS } from './exec-state.js';
import { execute } from './exec.js';
import { DEFAULT_CONTEXT, type FuncContext, FuncError, type TmplHost } from './funcs/types.js';
import { ParseError, type Tree, parseTemplate } from './parser.js';
import { clean, split } from './funcs/path.js';
import type { Node } from './nodes.js';
import type { Val } from './values.js';

export interface SetOptions {
  path: string;
  hasFunction: (name: string) => boolean;
  leftDelim: string;
  rightDelim: string;
}

/** text/template's parse.IsEmptyTree. */
function isEmptyNode(n: Node | null): boolean {
  if (!n) return true;
  if (n.type === 'comment') return true;
  if (n.type === 'list') return n.nodes.every(isEmptyNode);
  if (n.type === 'text') return /^[\s\u0085\u00a0]*$/.test(n.text);
  return false;
}

export class TemplateSet implements TmplHost {
  private readonly saved = new Map<string, Tree | undefined>();

  constructor(
    private readonly prog: Program,
    private readonly reg: Registry,
    private readonly ctx: FuncContext,
    private readonly root: Val,
    private readonly opts: SetOptions,
  ) {}

  get path(): string {
    return this.opts.path;
  }

  pathDir(): string {
    return this.opts.path === '' ? '' : clean(split(this.opts.path)[0]);
  }

  exec(name: string, data: Val | typeof DEFAULT_CONTEXT): string {
    const tree = this.prog.trees.get(name);
    if (!tree) throw new FuncError(`template ${JSON.stringify(name)} not defined`);
    return this.run(TREE_PROGRAMS.get(tree) ?? this.prog, name, data);
  }

  inline(name: string, text: string, data: Val | typeof DEFAULT_CONTEXT): string {
    let trees: Map<string, Tree>;
    try {
      trees = parseTemplate(
        name,
        text,
        this.opts.hasFunction,
        this.opts.leftDelim,
        this.opts.rightDelim,
      );
    } catch (e) {
      if (e instanceof ParseError) throw new FuncError(e.message);
      throw e;
    }
    const prog: Program = { ...this.prog, text, parseName: name };
    for (const [n, t] of trees) {
      TREE_PROGRAMS.set(t, prog);
      const old = this.prog.trees.get(n);
      // associate: an empty definition never replaces a template that has a body
      if (old && isEmptyNode(t.root)) continue;
      if (!this.saved.has(n)) this.saved.set(n, old);
      this.prog.trees.set(n, t);
    }
    // the new template itself runs even when an older one kept its name
    const own = { ...this.prog, trees: new Map(this.prog.trees).set(name, trees.get(name)!) };
    return this.run(prog, name, data, own);
  }

  private run(
    prog: Program,
    name: string,
    data: Val | typeof DEFAULT_CONTEXT,
    own?: Program,
  ): string {
    const out: string[] = [];
    const root = data === DEFAULT_CONTEXT ? this.root : data;
    try {
      execute(own ? { ...prog, trees: own.trees } : prog, name, this.reg, this.ctx, root, out);
    } catch (e) {
      if (e instanceof ExecError) throw new FuncError(e.message);
      throw e;
    }
    return out.join('');
  }

  /** Puts back the trees Inline added or replaced. */
  restore(): void {
    for (const [n, t] of this.saved) {
      if (t) this.prog.trees.set(n, t);
      else this.prog.trees.delete(n);
    }
    this.saved.clear();
  }
}

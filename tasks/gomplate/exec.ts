// Walking the parse tree (Go's state.walk): text, actions, if/with/range with
// break/continue, template invocation; output is streamed into `out`.
import { printV } from './fmt.js';
import {
  BREAK,
  CONTINUE,
  ExecError,
  type Program,
  type Registry,
  State,
  TREE_PROGRAMS,
} from './exec-state.js';
import { evalPipeline } from './exec-eval.js';
import type { FuncContext } from './funcs/types.js';
import type { BranchNode, Node, TemplateNode } from './nodes.js';
import { quote } from './strconv-quote.js';
import {
  GoInt,
  GoMap,
  GoObject,
  GoSlice,
  IfaceVal,
  type Val,
  elemVal,
  goInt,
  isTrue,
  sortedKeys,
} from './values.js';

// Go allows 100000 nested template calls; a JS stack is exhausted long before that (a
// level takes several frames), so runaway recursion is cut off earlier with Go's message.
const MAX_TEMPLATE_DEPTH = 1000;

function walk(s: State, dot: Val, node: Node): void {
  s.at(node);
  switch (node.type) {
    case 'action': {
      const val = evalPipeline(s, dot, node.pipe);
      if (node.pipe.decl.length === 0) {
        s.at(node);
        s.out.push(printV(val instanceof IfaceVal ? (val.v ?? undefined) : val));
      }
      return;
    }
    case 'break':
      throw BREAK;
    case 'continue':
      throw CONTINUE;
    case 'comment':
      return;
    case 'if':
    case 'with':
      return walkIfOrWith(s, dot, node);
    case 'list':
      for (const n of node.nodes) walk(s, dot, n);
      return;
    case 'range':
      return walkRange(s, dot, node);
    case 'template':
      return walkTemplate(s, dot, node);
    case 'text':
      s.out.push(node.text);
      return;
  }
  s.errorf(`unknown node: ${node.type}`);
}

function walkIfOrWith(s: State, dot: Val, node: BranchNode): void {
  const mark = s.mark();
  try {
    const val = evalPipeline(s, dot, node.pipe);
    if (isTrue(val)) walk(s, node.type === 'with' ? val : dot, node.list);
    else if (node.elseList) walk(s, dot, node.elseList);
  } finally {
    s.pop(mark);
  }
}

function walkRange(s: State, dot: Val, r: BranchNode): void {
  s.at(r);
  const mark0 = s.mark();
  try {
    let val = evalPipeline(s, dot, r.pipe);
    if (val instanceof IfaceVal) val = val.v ?? undefined;
    if (val instanceof GoObject && val.kind === 'root') val = val.data;
    const mark = s.mark();
    const decls = r.pipe.decl.length;
    const assign = r.pipe.isAssign;
    const one = (index: Val, elem: Val) => {
      // {{range $i, $e = …}} (Go 1.22+) assigns existing variables: index first
      if (assign) {
        s.setVar(r.pipe.decl[0]!.ident[0]!, decls > 1 ? index : elem);
        if (decls > 1) s.setVar(r.pipe.decl[1]!.ident[0]!, elem);
      } else {
        if (decls > 0) s.setTopVar(1, elem);
        if (decls > 1) s.setTopVar(2, index);
      }
      try {
        walk(s, elem, r.list);
      } catch (e) {
        if (e !== CONTINUE) throw e;
      } finally {
        s.pop(mark);
      }
    };
    if (val instanceof GoSlice) {
      if (val.items.length > 0) {
        for (let i = 0; i < val.items.length; i++) one(goInt(i), elemVal(val, val.items[i]!));
        return;
      }
    } else if (val instanceof GoMap) {
      if (val.m.size > 0) {
        for (const k of sortedKeys(val)) one(k, elemVal(val, val.m.get(k)!));
        return;
      }
    } else if (val instanceof GoInt) {
      // Go 1.22+: range over an integer counts 0..n-1 in its own type
      if (decls > 1) s.errorf(`can't use ${printV(val)} to iterate over more than one variable`);
      if (val.v > 0n) {
        for (let i = 0n; i < val.v; i++) one(undefined, new GoInt(i, val.t));
        return;
      }
    } else if (val !== undefined && val !== null) {
      s.errorf(`range can't iterate over ${printV(val)}`);
    }
    if (r.elseList) walk(s, dot, r.elseList);
  } catch (e) {
    if (e !== BREAK) throw e;
  } finally {
    s.pop(mark0);
  }
}

function walkTemplate(s: State, dot: Val, t: TemplateNode): void {
  s.at(t);
  const tree = s.prog.trees.get(t.name);
  if (!tree || !tree.root) s.errorf(`template ${quote(t.name)} not defined`);
  if (s.depth >= MAX_TEMPLATE_DEPTH) s.errorf('exceeded maximum template depth (100000)');
  const newDot = evalPipeline(s, dot, t.pipe);
  const src = TREE_PROGRAMS.get(tree);
  const prog = src ? { ...src, trees: s.prog.trees } : s.prog;
  const inner = new State(prog, t.name, s.out, s.reg, s.ctx, newDot);
  inner.depth = s.depth + 1;
  walk(inner, newDot, tree.root);
}

/** Executes template `name` of the program; output goes to `out` as it is produced. */
export function execute(
  prog: Program,
  name: string,
  reg: Registry,
  ctx: FuncContext,
  root: Val,
  out: string[],
): void {
  const s: State = new State(prog, name, out, reg, ctx, root);
  const tree = prog.trees.get(name);
  if (!tree || !tree.root) s.errorf(`${quote(name)} is an incomplete or empty template`);
  walk(s, root, tree.root);
}

export { ExecError };

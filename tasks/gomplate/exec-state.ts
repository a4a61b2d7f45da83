// Execution state shared by the evaluator: the variable stack, the node being evaluated
// (for error context) and Go's error formatting with LINE:COL.
import { byteLength } from './gostring.js';
import type { FuncContext, GoFunc } from './funcs/types.js';
import type { Node } from './nodes.js';
import { nodeString } from './nodes.js';
import type { Tree } from './parser.js';
import { quote } from './strconv-quote.js';
import type { Val } from './values.js';

export class ExecError extends Error {}

/** Sentinels for control flow inside range. */
export const BREAK = Symbol('break');
export const CONTINUE = Symbol('continue');

/** "no final argument" for command evaluation (Go's missingVal). */
export const MISSING = Symbol('missing');
export type Final = Val | typeof MISSING;

export interface Registry {
  /** Top-level function by name (builtins included). */
  lookup(name: string): { f: GoFunc; builtin: boolean } | undefined;
  /** A namespace object's method (undefined when gomplate has no such method). */
  method(ns: string, name: string): GoFunc | undefined;
}

/** text/template's missingkey option ('default' is 'invalid'). */
export type MissingKey = 'error' | 'zero' | 'invalid';

export interface Program {
  text: string;
  parseName: string;
  trees: Map<string, Tree>;
  missingKey: MissingKey;
}

/** The program (text and parse name, for error locations) a tree was parsed from, when
 * that is not the program being executed: trees tmpl.Inline adds to the set. */
export const TREE_PROGRAMS = new WeakMap<Tree, Program>();

export class State {
  node: Node | null = null;
  vars: { name: string; value: Val }[];
  depth = 0;

  constructor(
    readonly prog: Program,
    public tmplName: string,
    readonly out: string[],
    readonly reg: Registry,
    readonly ctx: FuncContext,
    root: Val,
  ) {
    this.vars = [{ name: '$', value: root }];
  }

  at(n: Node): void {
    this.node = n;
  }

  push(name: string, value: Val): void {
    this.vars.push({ name, value });
  }
  mark(): number {
    return this.vars.length;
  }
  pop(mark: number): void {
    this.vars.length = mark;
  }
  setVar(name: string, value: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i]!.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: Val): void {
    this.vars[this.vars.length - n]!.value = value;
  }
  varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  /** "NAME:LINE:COL" of a node, COL being the byte offset within its line. */
  location(n: Node): string {
    const text = this.prog.text.slice(0, n.pos);
    const nl = text.lastIndexOf('\n');
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
    const col = byteLength(nl < 0 ? text : text.slice(nl + 1));
    return `${this.prog.parseName}:${line}:${col}`;
  }

  errorf(msg: string): never {
    const name = this.tmplName;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    throw new ExecError(
      `template: ${this.location(this.node)}: executing ${quote(name)} at <${nodeString(this.node)}>: ${msg}`,
    );
  }
}

// Function calls as Go's evalCall does them: arity, and/or short-circuit, argument
// evaluation against Go parameter types (evalArg/validateType) and their errors, and
// the "error calling NAME" wrapping of function errors. (Slightly over 200 lines: Go's
// evalArg/validateType type rules are kept together.)
import { type Final, MISSING, type State, ExecError } from './exec-state.js';
import {
  evalChainNode,
  evalFieldNode,
  evalFunction,
  evalPipeline,
  evalVariableNode,
  idealConstant,
} from './exec-eval.js';
import { GO_TYPE_NAMES, type Arg, type GoFunc, type ParamType } from './funcs/types.js';
import type { ArgNode, FieldNode, Node } from './nodes.js';
import { nodeString } from './nodes.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  type GoValue,
  IfaceVal,
  type Val,
  typeName,
} from './values.js';

export function evalCall(
  s: State,
  dot: Val,
  f: GoFunc,
  isBuiltin: boolean,
  node: Node,
  name: string,
  allArgs: ArgNode[] | null,
  final: Final,
): Val {
  const args = allArgs ? allArgs.slice(1) : [];
  const numIn = args.length + (final !== MISSING ? 1 : 0);
  const nParams = f.params.length + (f.variadic ? 1 : 0);
  let numFixed = args.length;
  if (f.variadic) {
    numFixed = f.params.length;
    if (numIn < numFixed)
      s.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
  } else if (numIn !== nParams) {
    s.errorf(`wrong number of args for ${name}: want ${nParams} got ${numIn}`);
  }
  if (isBuiltin && (name === 'and' || name === 'or')) {
    let v: Val = undefined;
    for (const arg of args) {
      v = evalArg(s, dot, 'value', arg);
      if (isTruthy(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = validateType(s, final, 'value');
    return v;
  }
  const argv: Val[] = [];
  const types: ParamType[] = [];
  let i = 0;
  for (; i < numFixed && i < args.length; i++) {
    types.push(f.params[i]!);
    argv.push(evalArg(s, dot, f.params[i]!, args[i]!));
  }
  if (f.variadic) {
    for (; i < args.length; i++) {
      types.push(f.variadic);
      argv.push(evalArg(s, dot, f.variadic, args[i]!));
    }
  }
  if (final !== MISSING) {
    let t: ParamType = f.variadic ?? f.params[f.params.length - 1]!;
    if (f.variadic && numIn - 1 < numFixed) t = f.params[numIn - 1]!;
    types.push(t);
    argv.push(validateType(s, final, t));
  }
  if (isBuiltin && name === 'call') {
    // Go 1.26 passes the callee's name (its node, or the piped value) to call's errors
    const u = final === MISSING ? undefined : unwrapIface(final);
    const callee = args.length
      ? nodeString(args[0]!)
      : typeof u === 'string'
        ? u
        : `<${typeName(u)} Value>`;
    argv.unshift(callee);
    types.unshift('value');
  }
  let result: Val;
  try {
    result = f.call(
      argv.map((a, k) => toArg(a, types[k]!)),
      s.ctx,
    );
  } catch (e) {
    if (isControl(e)) throw e;
    s.at(node);
    s.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (f.ret === 'any' && !(result instanceof IfaceVal)) {
    return new IfaceVal(result === undefined ? null : (result as GoValue));
  }
  return result;
}

function unwrapIface(v: Val): Val {
  return v instanceof IfaceVal ? (v.v ?? undefined) : v;
}

function isControl(e: unknown): boolean {
  return e instanceof ExecError;
}

function isTruthy(v: Val): boolean {
  const u = v instanceof IfaceVal ? v.v : v;
  if (u === undefined || u === null) return false;
  if (typeof u === 'string') return u.length > 0;
  if (typeof u === 'boolean') return u;
  if (u instanceof GoInt) return u.v !== 0n;
  if (u instanceof GoFloat) return u.v !== 0;
  if (u instanceof GoComplex) return u.re !== 0 || u.im !== 0;
  if (u instanceof GoMap) return u.m.size > 0;
  if ('items' in u) return u.items.length > 0;
  return true;
}

/** Converts an evaluated argument to what a function of that parameter type receives. */
function toArg(v: Val, t: ParamType): Arg {
  switch (t) {
    case 'value':
      return v;
    case 'map':
      if (v instanceof GoObject) return new GoMap();
      return v === undefined || v === null ? null : (v as GoValue);
    default:
      if (v instanceof IfaceVal) return v.v;
      return v === undefined ? null : v;
  }
}

function assignable(v: GoValue, t: ParamType): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      return v instanceof GoInt && v.t === 'int';
    case 'bool':
      return typeof v === 'boolean';
    case 'float64':
      return v instanceof GoFloat;
    case 'map':
      return (
        (v instanceof GoMap && v.elem === 'interface {}') ||
        (v instanceof GoObject && v.kind === 'root')
      );
    default:
      return true;
  }
}

function validateType(s: State, value: Final, typ: ParamType | null): Val {
  if (value === MISSING) value = undefined;
  if (value === undefined) {
    if (typ === null || typ === 'value') return undefined;
    if (typ === 'any' || typ === 'map') return null;
    s.errorf(`invalid value; expected ${GO_TYPE_NAMES[typ]}`);
  }
  if (typ === null || typ === 'value' || typ === 'any') return value;
  let v: GoValue = value as GoValue;
  if (value instanceof IfaceVal) {
    if (value.v === null)
      s.errorf(`wrong type for value; expected ${GO_TYPE_NAMES[typ]}; got interface {}`);
    v = value.v;
  }
  if (v !== null && assignable(v, typ)) return v;
  s.errorf(`wrong type for value; expected ${GO_TYPE_NAMES[typ]}; got ${typeName(v)}`);
}

export function evalArg(s: State, dot: Val, typ: ParamType | null, n: ArgNode): Val {
  s.at(n);
  switch (n.type) {
    case 'dot':
      return validateType(s, dot, typ);
    case 'nil':
      if (typ === 'value') return undefined;
      if (typ === 'any' || typ === 'map') return null;
      s.errorf(`cannot assign nil to ${typ ? GO_TYPE_NAMES[typ] : 'interface {}'}`);
    // falls through (errorf throws)
    case 'field':
      return validateType(s, evalFieldNode(s, dot, n as FieldNode, [n], MISSING), typ);
    case 'variable':
      return validateType(s, evalVariableNode(s, dot, n, null, MISSING), typ);
    case 'pipe':
      return validateType(s, evalPipeline(s, dot, n), typ);
    case 'identifier':
      return validateType(s, evalFunction(s, dot, n, n, null, MISSING), typ);
    case 'chain':
      return validateType(s, evalChainNode(s, dot, n, null, MISSING), typ);
  }
  switch (typ) {
    case 'bool':
      if (n.type === 'bool') return n.value;
      s.errorf(`expected bool; found ${nodeString(n)}`);
    // falls through (errorf throws)
    case 'float64':
      if (n.type === 'number' && n.isFloat) return new GoFloat(n.float64);
      s.errorf(`expected float; found ${nodeString(n)}`);
    // falls through
    case 'int':
      if (n.type === 'number' && n.isInt) return new GoInt(n.int64, 'int');
      s.errorf(`expected integer; found ${nodeString(n)}`);
    // falls through
    case 'any':
    case 'value':
      return evalEmptyInterface(s, dot, n);
    case 'string':
      if (n.type === 'string') return n.text;
      s.errorf(`expected string; found ${nodeString(n)}`);
  }
  s.errorf(
    `can't handle ${nodeString(n)} for arg of type ${typ ? GO_TYPE_NAMES[typ] : 'interface {}'}`,
  );
}

function evalEmptyInterface(s: State, _dot: Val, n: ArgNode): Val {
  s.at(n);
  switch (n.type) {
    case 'bool':
      return n.value;
    case 'number':
      return idealConstant(s, n);
    case 'string':
      return n.text;
  }
  s.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
}

// Expression evaluation, ported from Go's text/template exec.go: pipelines, commands,
// fields, chains and function calls (arity, and/or short-circuit, arguments checked
// against Go parameter types as evalArg/validateType do, "error calling NAME"). These are
// mutually recursive, as in Go, so they live together. The node recorded with s.at()
// before each step is what errors report.
import { GoTime } from './gotime.js';
import { GO_TYPE_NAMES, type Arg, type GoFunc, type ParamType } from './funcs/types.js';
import { timeMethod } from './funcs/time.js';
import type {
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipeNode,
  VariableNode,
} from './nodes.js';
import { nodeString } from './nodes.js';
import { quote } from './strconv-quote.js';
import { ExecError, type Final, MISSING, type State } from './exec-state.js';
import {
  type ElemType,
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoObject,
  GoStruct,
  type GoValue,
  IfaceVal,
  type Val,
  elemVal,
  goInt,
  isTrue,
  typeName,
} from './values.js';

export function evalPipeline(s: State, dot: Val, pipe: PipeNode | null): Val {
  if (!pipe) return undefined;
  s.at(pipe);
  let value: Final = MISSING;
  for (const cmd of pipe.cmds) {
    value = evalCommand(s, dot, cmd, value);
    if (value instanceof IfaceVal) value = value.v === null ? undefined : value.v;
  }
  const v = value as Val;
  for (const variable of pipe.decl) {
    if (pipe.isAssign) s.setVar(variable.ident[0]!, v);
    else s.push(variable.ident[0]!, v);
  }
  return v;
}

function notAFunction(s: State, args: ArgNode[], final: Final): void {
  if (args.length > 1 || final !== MISSING)
    s.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
}

function evalCommand(s: State, dot: Val, cmd: CommandNode, final: Final): Val {
  const first = cmd.args[0]!;
  switch (first.type) {
    case 'field':
      return evalFieldNode(s, dot, first, cmd.args, final);
    case 'chain':
      return evalChainNode(s, dot, first, cmd.args, final);
    case 'identifier':
      return evalFunction(s, dot, first, cmd, cmd.args, final);
    case 'pipe':
      notAFunction(s, cmd.args, final);
      return evalPipeline(s, dot, first);
    case 'variable':
      return evalVariableNode(s, dot, first, cmd.args, final);
  }
  s.at(first);
  notAFunction(s, cmd.args, final);
  switch (first.type) {
    case 'bool':
      return first.value;
    case 'dot':
      return dot;
    case 'nil':
      s.errorf('nil is not a command');
    // falls through (errorf throws)
    case 'number':
      return idealConstant(s, first);
    case 'string':
      return first.text;
  }
}

function idealConstant(s: State, n: NumberNode): Val {
  s.at(n);
  const isHexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
  const isRuneInt = n.text.startsWith("'");
  if (n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
  if (n.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(n.text)) return new GoFloat(n.float64);
  if (n.isInt) return new GoInt(n.int64, 'int');
  if (n.isUint) s.errorf(`${n.text} overflows int`);
  return undefined;
}

function evalFieldNode(
  s: State,
  dot: Val,
  field: FieldNode,
  args: ArgNode[] | null,
  final: Final,
): Val {
  s.at(field);
  return evalFieldChain(s, dot, dot, field, field.ident, args, final);
}

function evalChainNode(
  s: State,
  dot: Val,
  chain: ChainNode,
  args: ArgNode[] | null,
  final: Final,
): Val {
  s.at(chain);
  if (chain.node.type === 'nil')
    s.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
  const pipe = evalArg(s, dot, null, chain.node);
  return evalFieldChain(s, dot, pipe, chain, chain.field, args, final);
}

function evalVariableNode(
  s: State,
  dot: Val,
  variable: VariableNode,
  args: ArgNode[] | null,
  final: Final,
): Val {
  s.at(variable);
  const value = s.varValue(variable.ident[0]!);
  if (variable.ident.length === 1) {
    notAFunction(s, args ?? [variable], final);
    return value;
  }
  return evalFieldChain(s, dot, value, variable, variable.ident.slice(1), args, final);
}

function evalFieldChain(
  s: State,
  dot: Val,
  receiver: Val,
  node: Node,
  ident: string[],
  args: ArgNode[] | null,
  final: Final,
): Val {
  const n = ident.length;
  for (let i = 0; i < n - 1; i++)
    receiver = evalField(s, dot, ident[i]!, node, null, MISSING, receiver);
  return evalField(s, dot, ident[n - 1]!, node, args, final, receiver);
}

function evalFunction(
  s: State,
  dot: Val,
  node: IdentifierNode,
  cmd: Node,
  args: ArgNode[] | null,
  final: Final,
): Val {
  s.at(node);
  const found = s.reg.lookup(node.ident);
  if (!found) s.errorf(`${quote(node.ident)} is not a defined function`);
  return evalCall(s, dot, found.f, found.builtin, cmd, node.ident, args, final);
}

/** reflect.Zero of a map's element type. */
function zeroOf(elem: ElemType): GoValue {
  switch (elem) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'float64':
      return new GoFloat(0);
    case 'int':
    case 'int64':
    case 'uint8':
      return goInt(0, elem);
    default:
      return null;
  }
}

function evalField(
  s: State,
  dot: Val,
  fieldName: string,
  node: Node,
  args: ArgNode[] | null,
  final: Final,
  receiver: Val,
): Val {
  if (receiver === undefined) s.errorf(`nil data; no entry for key ${quote(fieldName)}`);
  const typ = typeName(receiver);
  let r: GoValue | undefined = receiver instanceof IfaceVal ? receiver.v : receiver;
  if (r === null || r === undefined) s.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
  let method: GoFunc | undefined;
  if (r instanceof GoObject) method = s.reg.method(r.name, fieldName);
  else if (r instanceof GoTime) method = timeMethod(r, fieldName);
  else if (r instanceof GoStruct) method = r.members(fieldName) as GoFunc | undefined;
  else if (r instanceof GoMap && r.named) method = r.named.methods(fieldName) as GoFunc | undefined;
  if (method) return evalCall(s, dot, method, false, node, fieldName, args, final);
  const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
  if (r instanceof GoObject && r.kind === 'root') r = r.data;
  if (r instanceof GoMap) {
    if (hasArgs) s.errorf(`${fieldName} is not a method but has arguments`);
    const result = r.m.get(fieldName);
    if (result === undefined) {
      if (s.prog.missingKey === 'error') s.errorf(`map has no entry for key ${quote(fieldName)}`);
      if (s.prog.missingKey === 'invalid') return undefined;
      return elemVal(r, zeroOf(r.elem));
    }
    return elemVal(r, result);
  }
  s.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
}

function evalCall(
  s: State,
  dot: Val,
  f: GoFunc,
  isBuiltin: boolean,
  node: Node,
  name: string,
  allArgs: ArgNode[] | null,
  final: Final,
): Val {
  // the command's arguments are allArgs[1..] (allArgs[0] names the function)
  const nArgs = allArgs ? allArgs.length - 1 : 0;
  const arg = (k: number) => allArgs![k + 1]!;
  const numIn = nArgs + (final !== MISSING ? 1 : 0);
  const nParams = f.params.length + (f.variadic ? 1 : 0);
  let numFixed = nArgs;
  if (f.variadic) {
    numFixed = f.params.length;
    if (numIn < numFixed)
      s.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${nArgs}`);
  } else if (numIn !== nParams) {
    s.errorf(`wrong number of args for ${name}: want ${nParams} got ${numIn}`);
  }
  if (isBuiltin && (name === 'and' || name === 'or')) {
    let v: Val = undefined;
    for (let k = 0; k < nArgs; k++) {
      v = evalArg(s, dot, 'value', arg(k));
      if (isTrue(v) === (name === 'or')) return v;
    }
    if (final !== MISSING) v = validateType(s, final, 'value');
    return v;
  }
  const argv: Arg[] = [];
  let i = 0;
  for (; i < numFixed && i < nArgs; i++) {
    const t = f.params[i]!;
    argv.push(toArg(evalArg(s, dot, t, arg(i)), t));
  }
  if (f.variadic) {
    for (; i < nArgs; i++) argv.push(toArg(evalArg(s, dot, f.variadic, arg(i)), f.variadic));
  }
  if (final !== MISSING) {
    let t: ParamType = f.variadic ?? f.params[f.params.length - 1]!;
    if (f.variadic && numIn - 1 < numFixed) t = f.params[numIn - 1]!;
    argv.push(toArg(validateType(s, final, t), t));
  }
  if (isBuiltin && name === 'call') {
    // Go 1.26 passes the callee's name (its node, or the piped value) to call's errors
    const u = final === MISSING ? undefined : unwrapIface(final);
    const callee = nArgs
      ? nodeString(arg(0))
      : typeof u === 'string'
        ? u
        : `<${typeName(u)} Value>`;
    argv.unshift(callee);
  }
  let result: Val;
  try {
    result = f.call(argv, s.ctx);
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

function evalArg(s: State, dot: Val, typ: ParamType | null, n: ArgNode): Val {
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

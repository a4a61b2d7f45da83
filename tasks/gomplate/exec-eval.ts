// Expression evaluation, ported from Go's text/template exec.go: pipelines, commands,
// fields and chains. The node recorded with s.at() before each step is what errors
// report. Function calls and argument checking are in exec-call.ts.
import { GoTime } from './gotime.js';
import type { GoFunc } from './funcs/types.js';
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
import { quote } from './strconv.js';
import { type Final, MISSING, type State } from './exec-state.js';
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
  typeName,
} from './values.js';

import { evalArg, evalCall } from './exec-call.js';

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

export function idealConstant(s: State, n: NumberNode): Val {
  s.at(n);
  const isHexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
  const isRuneInt = n.text.startsWith("'");
  if (n.isComplex) return new GoComplex(n.complex[0], n.complex[1]);
  if (n.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(n.text)) return new GoFloat(n.float64);
  if (n.isInt) return new GoInt(n.int64, 'int');
  if (n.isUint) s.errorf(`${n.text} overflows int`);
  return undefined;
}

export function evalFieldNode(
  s: State,
  dot: Val,
  field: FieldNode,
  args: ArgNode[] | null,
  final: Final,
): Val {
  s.at(field);
  return evalFieldChain(s, dot, dot, field, field.ident, args, final);
}

export function evalChainNode(
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

export function evalVariableNode(
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

export function evalFunction(
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

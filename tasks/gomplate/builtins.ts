// text/template's builtin functions (and, or, not, len, index, slice, print*, html, js,
// urlquery, call, comparisons) with Go's argument handling and error texts.
import { eq, le, lt } from './compare.js';
import { printV, sprint, sprintln } from './fmt.js';
import { byteLength, decodeRune, fromBytes, isPrint, toBytes } from './gostring.js';
import { type GoFunc, FuncError, fn } from './funcs/types.js';
import { sprintf } from './printf.js';
import {
  GoInt,
  GoMap,
  GoObject,
  GoSlice,
  type GoValue,
  IfaceVal,
  type Val,
  elemVal,
  goInt,
  isTrue,
  typeName,
  unwrap,
} from './values.js';

/** Like Go's indirect(): through interfaces and pointers (the root context is a map). */
function indirect(v: Val): [GoValue | undefined, boolean] {
  if (v instanceof IfaceVal) return v.v === null ? [undefined, true] : [v.v, false];
  if (v instanceof GoObject && v.kind === 'root') return [v.data, false];
  return [v === null ? undefined : v, false];
}

function indexArg(index: Val, cap: number): number {
  const x = unwrap(index);
  if (x === undefined || x === null) throw new FuncError('cannot index slice/array with nil');
  if (!(x instanceof GoInt))
    throw new FuncError(`cannot index slice/array with type ${typeName(x)}`);
  if (x.v < 0n || x.v > BigInt(cap)) throw new FuncError(`index out of range: ${x.v}`);
  return Number(x.v);
}

function index(itemRaw: Val, ...indexes: Val[]): Val {
  let item: Val = unwrap(itemRaw);
  if (item === undefined) throw new FuncError('index of untyped nil');
  for (const ixRaw of indexes) {
    const ix = unwrap(ixRaw);
    const [it, isNil] = indirect(item);
    if (isNil) throw new FuncError('index of nil pointer');
    if (typeof it === 'string') {
      const b = toBytes(it);
      const x = indexArg(ix, b.length);
      if (x >= b.length) throw new FuncError('reflect: string index out of range');
      item = goInt(b[x]!, 'uint8');
    } else if (it instanceof GoSlice) {
      const x = indexArg(ix, it.items.length);
      if (x >= it.items.length) throw new FuncError('reflect: slice index out of range');
      item = elemVal(it, it.items[x]!);
    } else if (it instanceof GoMap) {
      if (ix === undefined || ix === null)
        throw new FuncError('value is nil; should be of type string');
      if (typeof ix !== 'string')
        throw new FuncError(`value has type ${typeName(ix)}; should be string`);
      const found = it.m.get(ix);
      if (found !== undefined) item = elemVal(it, found);
      else
        item =
          it.elem === 'interface {}' ? new IfaceVal(null) : it.elem === 'string' ? '' : undefined;
    } else {
      throw new FuncError(`can't index item of type ${typeName(it ?? undefined)}`);
    }
  }
  return item;
}

function slice(itemRaw: Val, ...indexes: Val[]): Val {
  const item = unwrap(itemRaw);
  if (item === undefined) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  // indexes are bounded by the capacity, not the length (Go's item.Slice)
  let len: number;
  let cap: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    len = cap = byteLength(item);
  } else if (item instanceof GoSlice) {
    len = item.items.length;
    cap = len + item.spare.length;
  } else throw new FuncError(`can't slice item of type ${typeName(item)}`);
  const idx = [0, len, cap];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, cap)));
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!)
    throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return fromBytes(toBytes(item).subarray(idx[0], idx[1]));
  const all = item.spare.length ? item.items.concat(item.spare) : item.items;
  return new GoSlice(all.slice(idx[0], idx[1]), item.elem, all.slice(idx[1], idx[2]));
}

function length(v: Val): Val {
  const [it, isNil] = indirect(v);
  if (isNil) throw new FuncError('len of nil pointer');
  if (it === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof it === 'string') return goInt(byteLength(it));
  if (it instanceof GoSlice) return goInt(it.items.length);
  if (it instanceof GoMap) return goInt(it.m.size);
  throw new FuncError(`len of type ${typeName(it)}`);
}

function call(name: string, f: Val): Val {
  const u = unwrap(f);
  if (u === undefined) throw new FuncError('call of nil');
  throw new FuncError(`non-function ${name} of type ${typeName(u)}`);
}

/** Go's evalArgs for html/js/urlquery. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // Go passes each argument through printableValue first: nil prints as <no value> and
  // pointers are dereferenced (both then count as strings for Sprint's spacing)
  return sprint(
    args.map((a) => (a === null ? '<no value>' : a instanceof GoObject ? printV(a) : a)),
  );
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === '\0'
      ? '\uFFFD'
      : c === '"'
        ? '&#34;'
        : c === "'"
          ? '&#39;'
          : c === '&'
            ? '&amp;'
            : c === '<'
              ? '&lt;'
              : '&gt;',
  );
}

function jsEscape(s: string): string {
  if (!/[\\'"<>&=\x00-\x1f\u0080-\uffff]/.test(s)) return s;
  const b = toBytes(s);
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    if (c < 0x80) {
      const ch = String.fromCharCode(c);
      if (ch === '\\') out += '\\\\';
      else if (ch === "'") out += "\\'";
      else if (ch === '"') out += '\\"';
      else if (ch === '<') out += '\\u003C';
      else if (ch === '>') out += '\\u003E';
      else if (ch === '&') out += '\\u0026';
      else if (ch === '=') out += '\\u003D';
      else if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
      else out += ch;
      i++;
      continue;
    }
    const [r, size] = decodeRune(b, i);
    if (r < 0) out += fromBytes(b.subarray(i, i + 1));
    else if (isPrint(r)) out += String.fromCodePoint(r);
    else out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
    i += size;
  }
  return out;
}

function urlQueryEscape(s: string): string {
  const b = toBytes(s);
  let out = '';
  for (const c of b) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (c === 0x20) out += '+';
    else out += '%' + c.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

const anyArgs = (args: unknown[]) => args as GoValue[];

export const BUILTINS: Record<string, GoFunc> = {
  and: fn(['value'], 'value', () => undefined, 'value'),
  or: fn(['value'], 'value', () => undefined, 'value'),
  not: fn(['value'], 'concrete', ([a]) => !isTrue(a as Val)),
  len: fn(['value'], 'concrete', ([a]) => length(a as Val)),
  index: fn(['value'], 'value', ([a, ...r]) => index(a as Val, ...(r as Val[])), 'value'),
  slice: fn(['value'], 'value', ([a, ...r]) => slice(a as Val, ...(r as Val[])), 'value'),
  // evalCall puts the callee's name first
  call: fn(['value'], 'value', ([name, a]) => call(name as string, a as Val), 'value'),
  print: fn([], 'concrete', (a) => sprint(anyArgs(a)), 'any'),
  printf: fn(['string'], 'concrete', ([f, ...a]) => sprintf(f as string, anyArgs(a)), 'any'),
  println: fn([], 'concrete', (a) => sprintln(anyArgs(a)), 'any'),
  html: fn([], 'concrete', (a) => htmlEscape(evalArgs(anyArgs(a))), 'any'),
  js: fn([], 'concrete', (a) => jsEscape(evalArgs(anyArgs(a))), 'any'),
  urlquery: fn([], 'concrete', (a) => urlQueryEscape(evalArgs(anyArgs(a))), 'any'),
  eq: fn(['value'], 'concrete', ([a, ...r]) => eq(a as Val, ...(r as Val[])), 'value'),
  ne: fn(['value', 'value'], 'concrete', ([a, b]) => !eq(a as Val, b as Val)),
  lt: fn(['value', 'value'], 'concrete', ([a, b]) => lt(a as Val, b as Val)),
  le: fn(['value', 'value'], 'concrete', ([a, b]) => le(a as Val, b as Val)),
  gt: fn(['value', 'value'], 'concrete', ([a, b]) => !le(a as Val, b as Val)),
  ge: fn(['value', 'value'], 'concrete', ([a, b]) => !lt(a as Val, b as Val)),
};

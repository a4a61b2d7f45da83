// coll.JSONPath / jsonpath: gomplate v4 runs client-go's util/jsonpath over the input and
// returns the one value found, or else the list of the non-nil values found. Values walk
// as Go's reflect.Value does: elements of `any` containers are interface values (nil ones
// are skipped), string elements are bytes. Go visits a map's keys in random order; this
// engine visits them sorted, so `*` and `..` over a map list its values in key order.
import { formatValue, NOFLAGS } from '../fmt.js';
import { toBytes } from '../gostring.js';
import {
  GoComplex,
  GoFloat,
  GoInt,
  GoMap,
  GoSlice,
  type GoValue,
  IfaceVal,
  type Val,
  elemVal,
  goInt,
  sortedKeys,
  typeName,
} from '../values.js';
import {
  JsonPathSyntaxError,
  type ListNode,
  type Node,
  type Param,
  parseJsonPath,
} from './jsonpath-parse.js';
import { FuncError, type GoFunc, fn } from './types.js';

/**
 * An error of FindResults (wrapped by gomplate as "executing JSONPath failed: …"), with
 * the values client-go returns beside it: a filter's existence test still counts them.
 */
class EvalError extends Error {
  constructor(
    message: string,
    readonly values: Val[] = [],
  ) {
    super(message);
  }
}

/** A Go panic inside the library: text/template reports its value as the call's error. */
class Panic extends Error {}

/** template.Indirect: through interface values; a nil one reports isNil. */
function indirect(v: Val): [Val, boolean] {
  if (v instanceof IfaceVal) return v.v === null ? [v, true] : [v.v, false];
  return [v, false];
}

/** reflect.Value.Interface(): the dynamic value (nil for a nil interface). */
function iface(v: Val): GoValue {
  if (v === undefined) throw new Panic('reflect: call of reflect.Value.Interface on zero Value');
  return v instanceof IfaceVal ? v.v : v;
}

/** The values inside a map (sorted keys), slice or string (its bytes); none for others. */
function children(v: Val): Val[] {
  if (v instanceof GoMap) return sortedKeys(v).map((k) => elemVal(v, v.m.get(k)!));
  if (v instanceof GoSlice) return v.items.map((x) => elemVal(v, x));
  if (typeof v === 'string') return [...toBytes(v)].map((b) => goInt(b, 'uint8'));
  return [];
}

const isList = (v: Val): v is GoSlice => v instanceof GoSlice;

/** reflect.Value.Type().String() for the "is not array or slice" message. */
function typeOf(v: Val): string {
  if (v === undefined) throw new Panic('reflect: call of reflect.Value.Type on zero Value');
  return v instanceof IfaceVal ? 'interface {}' : typeName(v);
}

type Kind = 'bool' | 'complex' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: GoValue): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoInt) return v.unsigned ? 'uint' : 'int';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoComplex) return 'complex';
  throw new EvalError('invalid type for comparison');
}

const num = (v: GoValue): bigint | number => (v instanceof GoInt ? v.v : (v as GoFloat).v);

/** client-go's forked template.Equal and Less (ints compare across signedness). */
function equal(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) {
    if ((ka === 'int' && kb === 'uint') || (ka === 'uint' && kb === 'int'))
      return num(a) === num(b);
    throw new EvalError('incompatible types for comparison');
  }
  if (a instanceof GoComplex) return a.re === (b as GoComplex).re && a.im === (b as GoComplex).im;
  if (a instanceof GoInt || a instanceof GoFloat) return num(a) === num(b);
  return a === b;
}

function less(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) {
    if ((ka === 'int' && kb === 'uint') || (ka === 'uint' && kb === 'int')) return num(a) < num(b);
    throw new EvalError('incompatible types for comparison');
  }
  if (ka === 'bool' || ka === 'complex') throw new EvalError('invalid type for comparison');
  if (typeof a === 'string') return bytesLess(a, b as string);
  return num(a) < num(b);
}

function bytesLess(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(toBytes(a)), Buffer.from(toBytes(b))) < 0;
}

function compare(op: string, l: GoValue, r: GoValue): boolean {
  switch (op) {
    case '<':
      return less(l, r);
    case '>':
      return !(less(l, r) || equal(l, r));
    case '==':
      return equal(l, r);
    case '!=':
      return !equal(l, r);
    case '<=':
      return less(l, r) || equal(l, r);
    case '>=':
      return !less(l, r);
  }
  throw new EvalError(`unrecognized filter operator ${op}`);
}

/** client-go's JSONPath object: the walk, and the state `range`/`end` keep across it. */
class Finder {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;

  constructor(private rootNodes: Node[]) {}

  findResults(data: Val): Val[][] {
    const cur: Val[] = [data];
    const nodes = this.rootNodes;
    const full: Val[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]!);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const v of results) {
            this.rootNodes = nodes.slice(i + 1);
            full.push(...this.findResults(valueOf(iface(v))));
          }
        } else {
          this.rootNodes = nodes.slice(i + 1);
          this.findResults(undefined);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++)
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Val[], node: Node): Val[] {
    switch (node.t) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => goInt(node.value));
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return input.flatMap((v) => {
          const [x, isNil] = indirect(v);
          return isNil ? [] : children(x);
        });
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.lists.flatMap((l) => {
          try {
            return this.evalList(input, l);
          } catch (e) {
            throw e instanceof EvalError ? new EvalError(e.message, input) : e;
          }
        });
      case 'ident':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new EvalError('not in range, nothing to end');
        }
        throw new EvalError(`unrecognized identifier ${node.name}`, input);
    }
  }

  private evalList(input: Val[], list: ListNode): Val[] {
    let cur = input;
    for (const n of list.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalField(input: Val[], name: string): Val[] {
    if (input.length === 0) return [];
    const out: Val[] = [];
    for (const v of input) {
      const [x, isNil] = indirect(v);
      if (isNil) continue;
      if (x instanceof GoMap && x.m.has(name)) out.push(elemVal(x, x.m.get(name)!));
    }
    if (out.length === 0) throw new EvalError(`${name} is not found`);
    return out;
  }

  private evalArray(input: Val[], params: [Param, Param, Param]): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      const [x, isNil] = indirect(v);
      if (isNil) continue;
      if (!isList(x)) throw new EvalError(`${typeOf(x)} is not array or slice`, input);
      const len = BigInt(x.items.length);
      let start = params[0]!.known ? params[0]!.value : 0n;
      if (start < 0n) start += len;
      const endP = params[1]!;
      let end = endP.known ? endP.value : len;
      if (end < 0n || (end === 0n && endP.derived)) end += len;
      if (end === start) return out;
      if (start >= len || start < 0n)
        throw new EvalError(`array index out of bounds: index ${start}, length ${len}`, input);
      if (end > len || end < 0n)
        throw new EvalError(`array index out of bounds: index ${end - 1n}, length ${len}`, input);
      if (start > end)
        throw new EvalError(`starting index ${start} is greater than ending index ${end}`, input);
      let step = 1;
      if (params[2]!.known) {
        if (params[2]!.value <= 0n) throw new EvalError('step must be > 0', input);
        step = Number(params[2]!.value);
      }
      for (let i = Number(start); i < Number(end); i += step) out.push(elemVal(x, x.items[i]!));
    }
    return out;
  }

  private evalRecursive(input: Val[]): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      const [x, isNil] = indirect(v);
      if (isNil) continue;
      const kids = children(x);
      if (kids.length) out.push(x, ...this.evalRecursive(kids));
    }
    return out;
  }

  private evalFilter(input: Val[], node: Extract<Node, { t: 'filter' }>): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      const [x] = indirect(v);
      if (!isList(x))
        throw new EvalError(
          `${printReflect(x)} is not array or slice and cannot be filtered`,
          input,
        );
      for (const raw of x.items) {
        const item = elemVal(x, raw);
        let lefts: Val[];
        let err: EvalError | undefined;
        try {
          lefts = this.evalList([item], node.left);
        } catch (e) {
          if (!(e instanceof EvalError)) throw e;
          lefts = e.values;
          err = e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (err) throw new EvalError(err.message, input);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new EvalError('can only compare one element at a time', input);
        let rights: Val[];
        try {
          rights = this.evalList([item], node.right);
        } catch (e) {
          throw e instanceof EvalError ? new EvalError(e.message, input) : e;
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new EvalError('can only compare one element at a time', input);
        let pass: boolean;
        try {
          pass = compare(node.op, iface(lefts[0]), iface(rights[0]));
        } catch (e) {
          throw e instanceof EvalError ? new EvalError(e.message, out) : e;
        }
        if (pass) out.push(item);
      }
    }
    return out;
  }
}

/** reflect.ValueOf(x): nil gives the invalid value. */
const valueOf = (x: GoValue): Val => (x === null ? undefined : x);

/** fmt's %v of a reflect.Value. */
function printReflect(v: Val): string {
  if (v === undefined) return '<invalid reflect.Value>';
  if (v instanceof IfaceVal) return v.v === null ? '<nil>' : formatValue(v.v, 'v', NOFLAGS, 0);
  return formatValue(v, 'v', NOFLAGS, 0);
}

/** gomplate's extractResult: the value's Interface() (the input nil has none: a panic). */
function extract(v: Val): GoValue {
  if (v === undefined)
    throw new FuncError('reflect: call of reflect.Value.CanInterface on zero Value');
  return iface(v);
}

/** gomplate's coll.JSONPath. */
export function jsonPath(expr: string, input: GoValue): GoValue {
  let root: ListNode;
  try {
    root = parseJsonPath(`{${expr}}`);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError)
      throw new FuncError(`couldn't parse JSONPath ${expr}: ${e.message}`);
    throw e;
  }
  let results: Val[][];
  try {
    results = new Finder(root.nodes).findResults(valueOf(input));
  } catch (e) {
    if (e instanceof EvalError) throw new FuncError(`executing JSONPath failed: ${e.message}`);
    if (e instanceof Panic) throw new FuncError(e.message);
    throw e;
  }
  if (results.length === 1 && results[0]!.length === 1) return extract(results[0]![0]);
  const out: GoValue[] = [];
  for (const r of results)
    for (const v of r) {
      const x = extract(v);
      if (x !== null) out.push(x);
    }
  return new GoSlice(out);
}

export const JSONPATH: GoFunc = fn(['string', 'any'], 'any', ([p, v]) =>
  jsonPath(p as string, v as GoValue),
);

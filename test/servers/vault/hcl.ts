// A small parser for the HCL (version 1) subset Vault policies are written in: blocks with
// string labels (`path "secret/*" { ... }`), assignments, strings, heredocs, numbers, bools,
// lists and objects, with #, // and /* */ comments. Errors carry "At line:col:" like HCL's.
import { HclError } from './hcl-error.js';
import { tokenize, type Tok } from './hcl-lexer.js';

export type HclValue = string | number | boolean | HclValue[] | HclObject;
export interface HclItem {
  key: string;
  labels: string[];
  value: HclValue;
  line: number;
}
export interface HclObject {
  kind: 'object';
  items: HclItem[];
}

export { HclError };

class Parser {
  private pos = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.pos];
  }
  private next(): Tok {
    return this.toks[this.pos++];
  }
  private fail(tok: Tok, msg: string): never {
    throw new HclError(`At ${tok.line}:${tok.col}: ${msg}`);
  }
  private isPunct(tok: Tok, p: string) {
    return tok.type === 'punct' && tok.value === p;
  }

  /** Items until `}` (nested) or end of input (top level). */
  parseBody(nested: boolean): HclObject {
    const items: HclItem[] = [];
    for (;;) {
      let tok = this.peek();
      while (this.isPunct(tok, ',')) (this.next(), (tok = this.peek()));
      if (tok.type === 'eof') {
        if (nested) this.fail(tok, 'object expected closing RBRACE got: EOF');
        return { kind: 'object', items };
      }
      if (this.isPunct(tok, '}')) {
        if (!nested) this.fail(tok, 'expected: IDENT | STRING got: RBRACE');
        this.next();
        return { kind: 'object', items };
      }
      if (tok.type !== 'ident' && tok.type !== 'string') {
        this.fail(tok, `expected: IDENT | STRING got: ${tok.value || tok.type}`);
      }
      this.next();
      const labels: string[] = [];
      while (this.peek().type === 'string' || this.peek().type === 'ident') {
        labels.push(this.next().value);
      }
      const after = this.peek();
      let value: HclValue;
      if (this.isPunct(after, '=') || this.isPunct(after, ':')) {
        if (labels.length) this.fail(after, `nested object expected: LBRACE got: ${after.value}`);
        this.next();
        value = this.parseValue();
      } else if (this.isPunct(after, '{')) {
        this.next();
        value = this.parseBody(true);
      } else {
        this.fail(
          after,
          `key '${[tok.value, ...labels].join(' ')}' expected start of object ('{') or assignment ('=')`,
        );
      }
      items.push({ key: tok.value, labels, value, line: tok.line });
    }
  }

  private parseValue(): HclValue {
    const tok = this.next();
    switch (tok.type) {
      case 'string':
        return tok.value;
      case 'number':
        return Number(tok.value);
      case 'bool':
        return tok.value === 'true';
      case 'punct':
        if (tok.value === '{') return this.parseBody(true);
        if (tok.value === '[') return this.parseList();
        break;
      default:
        break;
    }
    return this.fail(tok, `Unknown token: ${tok.line}:${tok.col} ${tok.type} ${tok.value}`);
  }

  private parseList(): HclValue[] {
    const out: HclValue[] = [];
    for (;;) {
      const tok = this.peek();
      if (this.isPunct(tok, ']')) {
        this.next();
        return out;
      }
      if (tok.type === 'eof') this.fail(tok, 'list expected closing RBRACK got: EOF');
      out.push(this.parseValue());
      const sep = this.peek();
      if (this.isPunct(sep, ',')) this.next();
      else if (!this.isPunct(sep, ']'))
        this.fail(sep, `list expected comma or list end, got: ${sep.value}`);
    }
  }
}

/** Parses HCL text; JSON text (which HCL also accepts) is converted to the same shape. */
export function parseHcl(text: string): HclObject {
  if (text.trim().startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new HclError(`At 1:1: invalid JSON: ${(e as Error).message}`);
    }
    return fromJson(json) as HclObject;
  }
  return new Parser(tokenize(text)).parseBody(false);
}

function fromJson(v: unknown): HclValue {
  if (Array.isArray(v)) return v.map(fromJson);
  if (v && typeof v === 'object') {
    return {
      kind: 'object',
      items: Object.entries(v).map(([key, val]) => ({
        key,
        labels: [],
        value: fromJson(val),
        line: 1,
      })),
    };
  }
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new HclError('At 1:1: null values are not allowed');
}

export function isObject(v: HclValue | undefined): v is HclObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'object';
}

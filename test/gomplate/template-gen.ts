// A seeded random generator of gomplate templates over the syntax and functions the
// engine and gomplate-oracle both implement, for the differential test. Expressions are
// mostly well-typed so that most templates render, with a share of deliberate mistakes
// (missing keys, type mismatches, bad arguments) to compare error messages too.

// The engine's own seeded source (mulberry32): the same seed gives the same templates.
export { seeded as rng } from '../../tasks/gomplate/funcs/random.js';

type Kind = 'str' | 'int' | 'float' | 'bool' | 'list' | 'map' | 'any';

export class TemplateGen {
  private vars: string[][] = [[]];
  private inRange = 0;
  /** inside a range body, where dot is an element (never the root context, whose
   * address fmt would print when nested in a container) */
  private dotIsElem = 0;
  private defined: string[] = [];

  /**
   * `v5`: whether templates use what gomplate 5 (which the engine follows) has and v4
   * has not: the builtin `slice` (v4 maps the name to its deprecated coll.Slice) and
   * env.HasEnv. Off for the run against the real gomplate v4.
   */
  constructor(
    private readonly r: () => number,
    private readonly opts: { v5: boolean } = { v5: true },
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }
  private chance(p: number): boolean {
    return this.r() < p;
  }

  private strLit(): string {
    return this.pick([
      '"x"',
      '"a b"',
      '""',
      '"foo"',
      '"true"',
      '"0"',
      '"a,b,c"',
      '"é€"',
      '"a\\nb"',
      '"\\t pad "',
      '`raw`',
      '"it\'s"',
      '"a\\"q"',
      '"3"',
      '"1,000"',
      '" 7"',
      '"0x1F"',
      '"2.5"',
      '"<&>"',
      '"FOO"',
    ]);
  }
  private intLit(): string {
    return this.pick(['0', '1', '2', '-7', '42', '0x10', '010', "'a'", '1_000', '3']);
  }
  private floatLit(): string {
    return this.pick([
      '1.5',
      '0.9',
      '1e6',
      '2.0',
      '1e-5',
      '-0.5',
      '123456.0',
      '1234567.0',
      '0.1',
      '1e21',
    ]);
  }

  private env(name: string): string {
    return (this.inRange ? '$.Env.' : '.Env.') + name;
  }

  private varOf(): string | undefined {
    const all = this.vars.flat();
    return all.length ? this.pick(all) : undefined;
  }

  /** An operand (no command arguments). */
  operand(kind: Kind, depth: number): string {
    if (depth > 2 || this.chance(0.35)) return this.leaf(kind);
    return '(' + this.expr(kind, depth + 1) + ')';
  }

  private leaf(kind: Kind): string {
    switch (kind) {
      case 'str':
        return this.pick([
          this.strLit(),
          this.strLit(),
          this.env('FOO'),
          this.env('EMPTY'),
          '$.Env.NUM',
          this.env('MULTI'),
          this.env('FLAG'),
          ...(this.chance(0.05) ? [this.env('NOPE')] : []),
        ]);
      case 'int':
        return this.pick([
          this.intLit(),
          this.intLit(),
          '(ds "d").a',
          '(ds "t").oct',
          '(len "abc")',
        ]);
      case 'float':
        return this.pick([this.floatLit(), '(ds "d").b', '(ds "d").c', '(ds "t").flt']);
      case 'bool':
        return this.pick(['true', 'false', '(ds "t").t2']);
      case 'list':
        return this.pick([
          '(ds "d").list',
          '(strings.Split "," "a,,b")',
          '(ds "t").list',
          '(ds "l")',
          '(strings.Split ":" "")',
        ]);
      case 'map':
        return this.pick([
          '(ds "d").map',
          '(dict "b" 2 "a" 1)',
          '(dict)',
          '(ds "t").nested',
          '(dict "k" nil "j" (dict "x" 1.5))',
        ]);
      default: {
        const v = this.varOf();
        if (v && this.chance(0.3)) return v;
        if (this.dotIsElem && this.chance(0.3)) return '.';
        return this.leaf(this.pick(['str', 'int', 'float', 'bool', 'list', 'map'] as const));
      }
    }
  }

  /** A pipeline producing roughly `kind`. */
  expr(kind: Kind, depth = 0): string {
    const o = (k: Kind) => this.operand(k, depth + 1);
    const any = (): Kind =>
      this.pick(['str', 'int', 'float', 'bool', 'list', 'map', 'any'] as const);
    const same = () => {
      const k = this.pick(['str', 'int', 'float'] as const);
      return this.chance(0.08)
        ? `${o(k)} ${o(this.pick(['str', 'int', 'float', 'bool'] as const))}`
        : `${o(k)} ${o(k)}`;
    };
    const forKind: Record<Kind, (() => string)[]> = {
      str: [
        () =>
          `printf ${this.pick(['"%s"', '"%v"', '"%q"', '"%d"', '"[%5s]"', '"%x"', '"%v-%v"', '"%.2f"', '"%T"', '"%-4v|"', '"%08.3f"', '"%+d"'])} ${o(any())}`,
        () => `print ${o(any())} ${o(any())}`,
        () => `${o('str')} | printf "%s!"`,
        () => `quote ${o(any())}`,
        () => `squote ${o(any())}`,
        () => `strings.ToUpper ${o('str')}`,
        () => `${o('str')} | strings.ToLower`,
        () => `strings.TrimSpace ${o('str')}`,
        () => `strings.Trim ${this.strLit()} ${o('str')}`,
        () => `strings.TrimPrefix ${this.strLit()} ${o('str')}`,
        () => `strings.TrimSuffix ${this.strLit()} ${o('str')}`,
        () => `strings.ReplaceAll ${this.strLit()} ${this.strLit()} ${o('str')}`,
        () => `${o('str')} | strings.Indent ${this.pick(['2', '"> "', '1 "-"', '0', '1.5'])}`,
        () => `indent ${o('any')}`,
        () => `conv.ToString ${o(any())}`,
        () => `${o(any())} | default ${this.strLit()}`,
        () => `html ${o(any())}`,
        () => `js ${o('str')}`,
        () => `urlquery ${o('str')}`,
        () => `getenv ${this.pick(['"FOO"', '"NOPE"', '"EMPTY"'])} ${this.strLit()}`,
        () => `env.Getenv ${this.pick(['"FOO"', '"NOPE"', '"NUM"'])}`,
        () => `index ${o('list')} ${this.pick(['0', '1', '2'])}`,
        () => `index ${o('map')} ${this.pick(['"a"', '"k"', '"zz"'])}`,
        () =>
          this.opts.v5
            ? `slice ${o('str')} ${this.pick(['0', '1'])}`
            : `strings.TrimLeft "ax" ${o('str')}`,
        () => `toUpper ${o('str')}`,
        () => `trimSpace ${o(any())}`,
        () => `replaceAll "a" "o" ${o('str')}`,
        () => `file.Read "three.txt"`,
        () => `println ${o(any())}`,
      ],
      int: [
        () => `len ${o(this.pick(['str', 'list', 'map'] as const))}`,
        () => `conv.ToInt ${o(this.pick(['int', 'float', 'bool'] as const))}`,
        () =>
          `conv.ToInt ${this.pick(['"3"', '"010"', '"0x1F"', '"1,000"', '"-2.5"', '"1e3"', '"+7"', '"x"', '" 3"'])}`,
        () => `conv.ToInt64 ${this.chance(0.2) ? o('str') : '$.Env.NUM'}`,
        () => `index "abc" ${this.pick(['0', '2'])}`,
      ],
      float: [() => this.floatLit()],
      bool: [
        () => `eq ${same()}`,
        () => `ne ${same()}`,
        () => `lt ${same()}`,
        () => `le ${same()}`,
        () => `gt ${same()}`,
        () => `ge ${same()}`,
        () => `eq ${o('str')} ${this.strLit()} ${this.strLit()}`,
        () => `and ${o(any())} ${o(any())}`,
        () => `or ${o(any())} ${o(any())}`,
        () => `not ${o(any())}`,
        () =>
          `has ${o(this.pick(['map', 'list'] as const))} ${this.pick(['"a"', '"x"', '"k"', '"nested"'])}`,
        () => `strings.HasPrefix ${this.strLit()} ${o('str')}`,
        () => `strings.Contains ${this.strLit()} ${o(any())}`,
        () =>
          this.opts.v5
            ? `env.HasEnv ${this.pick(['"FOO"', '"NOPE"'])}`
            : `strings.HasSuffix ${this.pick(['"O"', '"o"'])} ${o('str')}`,
        () => `file.Exists ${this.pick(['"three.txt"', '"nope"'])}`,
      ],
      list: [
        () => `strings.Split ${this.pick(['","', '""', '"b"'])} ${o('str')}`,
        () =>
          this.opts.v5
            ? `slice ${o('list')} ${this.pick(['0', '1'])}`
            : `coll.Reverse ${o('list')}`,
      ],
      map: [
        () => `dict ${this.strLit()} ${o(any())} ${this.strLit()} ${o(any())}`,
        () => `merge ${o('map')} ${o('map')}`,
        () => `coll.Dict "k" ${o(any())}`,
        () => `conv.Default (dict "d" 1) ${o('map')}`,
      ],
      any: [],
    };
    const k = kind === 'any' ? any() : kind;
    const options = forKind[k];
    if (!options.length || this.chance(0.25)) return this.leaf(k);
    return this.pick(options)();
  }

  private open(): string {
    return this.chance(0.3) ? '{{- ' : '{{ ';
  }
  private close(): string {
    return this.chance(0.3) ? ' -}}' : ' }}';
  }
  private text(): string {
    return this.pick([
      '',
      'a',
      ' ',
      '\n',
      '  x\n',
      'k: ',
      ' - ',
      '\n  ',
      '|',
      'v=',
      '\t',
      '\r\n',
      '{ }',
    ]);
  }

  private block(depth: number): string {
    const n = 1 + Math.floor(this.r() * 3);
    let s = '';
    for (let i = 0; i < n; i++) s += this.text() + this.stmt(depth + 1);
    return s + this.text();
  }

  stmt(depth = 0): string {
    const roll = this.r();
    if (depth > 2 || roll < 0.4) return this.open() + this.expr('any') + this.close();
    if (roll < 0.5) {
      const name = `$v${depth}${Math.floor(this.r() * 3)}`;
      const scope = this.vars[this.vars.length - 1]!;
      const all = this.vars.flat();
      const value = this.expr('any');
      if (all.includes(name) && this.chance(0.5))
        return this.open() + `${name} = ${value}` + this.close();
      scope.push(name);
      return this.open() + `${name} := ${value}` + this.close();
    }
    if (roll < 0.65) {
      let s = this.open() + `if ${this.expr('bool')}` + this.close() + this.scoped(depth);
      if (this.chance(0.3))
        s += this.open() + `else if ${this.expr('any')}` + this.close() + this.scoped(depth);
      if (this.chance(0.5)) s += this.open() + 'else' + this.close() + this.scoped(depth);
      return s + this.open() + 'end' + this.close();
    }
    if (roll < 0.82) {
      const existing = this.varOf();
      let form = this.pick(['', '$e := ', '$i, $e := ']);
      // Go 1.22+: range may assign variables declared outside it
      if (existing && this.chance(0.1)) form = `${existing} = `;
      // Go 1.22+: range over an integer (with two variables it is an error)
      const target = (
        this.chance(0.15)
          ? this.pick(['3', '0', '-2', '(len "ab")', '(ds "d").a', '(conv.ToInt64 "2")', '1.5'])
          : this.expr(this.chance(0.1) ? 'any' : this.pick(['list', 'map'] as const))
      )
        // an `any` can be an integer made of d.yaml's 1e6 or 123456789012: ranging over
        // that many numbers takes a minute in both renderers (the random stream is kept)
        .replace(/\(ds "d"\)\.(?:c|big)\b/g, '(ds "d").a');
      this.vars.push(form.match(/\$\w+/g) ?? []);
      this.inRange++;
      this.dotIsElem++;
      let body = this.block(depth);
      if (this.chance(0.3))
        body +=
          this.open() +
          `if ${this.expr('bool')}` +
          this.close() +
          `{{ ${this.pick(['break', 'continue'])} }}{{ end }}`;
      this.inRange--;
      this.dotIsElem--;
      this.vars.pop();
      let s = this.open() + `range ${form}${target}` + this.close() + body;
      if (this.chance(0.3)) s += this.open() + 'else' + this.close() + this.scoped(depth);
      return s + this.open() + 'end' + this.close();
    }
    if (roll < 0.9) {
      this.inRange++;
      let s = this.open() + `with ${this.expr('any')}` + this.close() + this.scoped(depth);
      // Go 1.23+: else with
      if (this.chance(0.3))
        s += this.open() + `else with ${this.expr('any')}` + this.close() + this.scoped(depth);
      if (this.chance(0.3)) s += this.open() + 'else' + this.close() + this.scoped(depth);
      this.inRange--;
      return s + this.open() + 'end' + this.close();
    }
    if (roll < 0.92 && this.chance(0.5)) {
      // block: defines and runs a template in place; its body sees only its own dot and $
      const saved = this.vars;
      this.vars = [[]];
      this.inRange++;
      const body = this.block(depth + 1);
      this.inRange--;
      this.vars = saved;
      return (
        this.open() +
        `block "${this.pick(['b1', 'b2'])}" ${this.expr('any')}` +
        this.close() +
        body +
        '{{ end }}'
      );
    }
    if (roll < 0.95 && this.defined.length) {
      return (
        this.open() + `template "${this.pick(this.defined)}" ${this.expr('any')}` + this.close()
      );
    }
    return this.chance(0.5) ? `{{/* ${this.pick(['c', 'note'])} */}}` : `{{- /* c */ -}}`;
  }

  private scoped(depth: number): string {
    this.vars.push([]);
    const s = this.block(depth);
    this.vars.pop();
    return s;
  }

  template(): string {
    this.vars = [[]];
    this.inRange = 0;
    this.dotIsElem = 0;
    this.defined = [];
    let s = '';
    if (this.chance(0.2)) {
      const name = this.pick(['part', 'x']);
      this.vars = [[]];
      this.inRange = 1;
      s += `{{ define "${name}" }}${this.block(1)}{{ end }}`;
      this.inRange = 0;
      this.vars = [[]];
      this.defined.push(name);
    }
    const n = 1 + Math.floor(this.r() * 4);
    for (let i = 0; i < n; i++) s += this.text() + this.stmt();
    return s + this.text();
  }
}

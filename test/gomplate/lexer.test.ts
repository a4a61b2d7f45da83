// The lexer's items for the shapes Go's lexer tests cover: trim markers, comments, spaces,
// numbers, quotes, keywords, lines, errors, and pulling past the end.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Item, Lexer, T, lex } from '../../tasks/gomplate/lexer.js';

// T is a const enum (no reverse mapping at run time): names for the assertions
const NAMES: Record<number, string> = {
  [T.Error]: 'Error',
  [T.Bool]: 'Bool',
  [T.Char]: 'Char',
  [T.CharConstant]: 'CharConstant',
  [T.Comment]: 'Comment',
  [T.Complex]: 'Complex',
  [T.Assign]: 'Assign',
  [T.Declare]: 'Declare',
  [T.EOF]: 'EOF',
  [T.Field]: 'Field',
  [T.Identifier]: 'Identifier',
  [T.LeftDelim]: 'LeftDelim',
  [T.LeftParen]: 'LeftParen',
  [T.Number]: 'Number',
  [T.Pipe]: 'Pipe',
  [T.RawString]: 'RawString',
  [T.RightDelim]: 'RightDelim',
  [T.RightParen]: 'RightParen',
  [T.Space]: 'Space',
  [T.String]: 'String',
  [T.Text]: 'Text',
  [T.Variable]: 'Variable',
  [T.Keyword]: 'Keyword',
  [T.Block]: 'Block',
  [T.Break]: 'Break',
  [T.Continue]: 'Continue',
  [T.Dot]: 'Dot',
  [T.Define]: 'Define',
  [T.Else]: 'Else',
  [T.End]: 'End',
  [T.If]: 'If',
  [T.Nil]: 'Nil',
  [T.Range]: 'Range',
  [T.Template]: 'Template',
  [T.With]: 'With',
};
const name = (t: T) => NAMES[t]!;

/** Items as [type name, value, line]. */
const items = (input: string, L?: string, R?: string) =>
  lex(input, true, true, L, R).map((i: Item) => [name(i.typ), i.val, i.line]);

const lexer = suite('lexer');

lexer('text and an action with a pipeline', () => {
  assert.equal(items('a{{ .X | f 1 }}b'), [
    ['Text', 'a', 1],
    ['LeftDelim', '{{', 1],
    ['Space', ' ', 1],
    ['Field', '.X', 1],
    ['Space', ' ', 1],
    ['Pipe', '|', 1],
    ['Space', ' ', 1],
    ['Identifier', 'f', 1],
    ['Space', ' ', 1],
    ['Number', '1', 1],
    ['Space', ' ', 1],
    ['RightDelim', '}}', 1],
    ['Text', 'b', 1],
    ['EOF', '', 1],
  ]);
});

lexer('trim markers take the spaces around them; comments vanish', () => {
  assert.equal(items('x \n{{- 3 -}}\n y{{/* c */}}z'), [
    ['Text', 'x', 1],
    ['LeftDelim', '{{', 2],
    ['Number', '3', 2],
    ['RightDelim', '}}', 2],
    ['Text', 'y', 3],
    ['Text', 'z', 3],
    ['EOF', '', 3],
  ]);
});

lexer('keywords, variables, declarations, strings, chars and complex numbers', () => {
  assert.equal(
    items('{{range $i, $e := .L}}{{"q\\"" `r` \'c\' 1+2i nil true else}}').map((i) => i[0]),
    [
      'LeftDelim',
      'Range',
      'Space',
      'Variable',
      'Char',
      'Space',
      'Variable',
      'Space',
      'Declare',
      'Space',
      'Field',
      'RightDelim',
      'LeftDelim',
      'String',
      'Space',
      'RawString',
      'Space',
      'CharConstant',
      'Space',
      'Complex',
      'Space',
      'Nil',
      'Space',
      'Bool',
      'Space',
      'Else',
      'RightDelim',
      'EOF',
    ],
  );
});

lexer('break and continue are identifiers where functions of those names exist', () => {
  const kinds = (breakOK: boolean) => lex('{{break}}', breakOK, true).map((i) => name(i.typ));
  assert.equal(kinds(true), ['LeftDelim', 'Break', 'RightDelim', 'EOF']);
  assert.equal(kinds(false), ['LeftDelim', 'Identifier', 'RightDelim', 'EOF']);
});

lexer('custom delimiters; a raw string counts its lines', () => {
  assert.equal(items('<<`a\nb`>>c', '<<', '>>'), [
    ['LeftDelim', '<<', 1],
    ['RawString', '`a\nb`', 1],
    ['RightDelim', '>>', 2],
    ['Text', 'c', 2],
    ['EOF', '', 2],
  ]);
});

lexer("errors end the items with Go's messages", () => {
  const last = (input: string) => {
    const all = lex(input, true, true);
    return [name(all[all.length - 1]!.typ), all[all.length - 1]!.val];
  };
  assert.equal(last('{{ "abc }}'), ['Error', 'unterminated quoted string']);
  assert.equal(last('{{ 3x }}'), ['Error', 'bad number syntax: "3x"']);
  assert.equal(last('{{ .a# }}'), ['Error', "bad character U+0023 '#'"]);
  assert.equal(last('{{ ( }}'), ['Error', 'unclosed left paren']);
  assert.equal(last('{{ ) }}'), ['Error', 'unexpected right paren']);
  assert.equal(last('{{ \u0001 }}'), ['Error', 'unrecognized character in action: U+0001']);
  assert.equal(last('{{/* x */ y }}'), ['Error', 'comment ends before closing delimiter']);
  assert.equal(last('{{ é日 x'), ['Error', 'unclosed action']);
});

lexer('pulling past the end keeps returning the last item', () => {
  const l = new Lexer('a', true, true);
  assert.is(name(l.nextItem().typ), 'Text');
  assert.is(name(l.nextItem().typ), 'EOF');
  assert.is(name(l.nextItem().typ), 'EOF');
  const e = new Lexer('{{ "x', true, true);
  assert.is(name(e.nextItem().typ), 'LeftDelim');
  assert.is(name(e.nextItem().typ), 'Space');
  assert.is(e.nextItem().val, 'unterminated quoted string');
  assert.is(e.nextItem().val, 'unterminated quoted string');
});

lexer.run();

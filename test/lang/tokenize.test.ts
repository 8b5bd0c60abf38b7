import {describe, expect, it} from 'vitest';
import {tokenize} from '../../src/lang/tokenize.js';
import {SyntaxProblem, type Token} from '../../src/lang/token.js';

/** A compact picture of the tokens: type and meaning. */
const shape = (source: string): string[] =>
  tokenize(source)
    .tokens.filter((t) => t.type !== 'eof')
    .map((t: Token) => {
      switch (t.type) {
        case 'word':
          return `word:${t.text}`;
        case 'number':
          return `number:${t.value}`;
        case 'string':
          return `string:${t.value}`;
        case 'variable':
          return `var:${[t.name, ...t.path].join('.')}`;
        case 'parameter':
          return `param:${t.name}${t.colon ? ':' : ''}`;
        case 'punct':
          return t.value === '\n' ? 'newline' : t.value;
        case 'eof':
          return 'eof';
      }
    });

describe('tokenize', () => {
  it.each([
    ['bare FQDN', 'pc1.dc1.example.org', ['word:pc1.dc1.example.org']],
    ['identity with backslash', 'pc1.dc1.example.org\\ItRoom', ['word:pc1.dc1.example.org\\ItRoom']],
    ['Windows path', 'C:\\Logs\\x.zip', ['word:C:\\Logs\\x.zip']],
    ['SIP URI', 'sip:ana@example.org', ['word:sip:ana@example.org']],
    ['wildcard word', '*PersistentChat*', ['word:*PersistentChat*']],
    ['single quotes with doubled quote', "'it''s'", ["string:it's"]],
    ['single quotes keep backticks and dollars', "'a`n$b'", ['string:a`n$b']],
    ['double quotes with backtick escapes', '"a`"b``c`nd"', ['string:a"b`c\nd']],
    ['double quotes keep $ literally', '"cost $x $(y)"', ['string:cost $x $(y)']],
    ['doubled double quote', '"say ""hi"""', ['string:say "hi"']],
    ['unicode escape', '"`u{1F600}"', ['string:\u{1F600}']],
    ['integer', '100', ['number:100']],
    ['negative number', '-5', ['number:-5']],
    ['decimal', '1.5', ['number:1.5']],
    ['exponent overflowing to Infinity', '1e309', ['number:Infinity']],
    ['version-like word is not a number', '1.2.3', ['word:1.2.3']],
    ['parameter', '-Identity', ['param:Identity']],
    ['parameter with colon value', '-Confirm:$false', ['param:Confirm:', 'var:false']],
    ['parameter with colon and quoted value', '-Name:"a b"', ['param:Name:', 'string:a b']],
    ['en dash parameter from pasted docs', '\u2013Identity', ['param:Identity']],
    ['typographic quotes', '\u201chello\u201d', ['string:hello']],
    ['dash word that is not a parameter', '-x.y', ['word:-x.y']],
    ['variables', '$Null $True $x', ['var:Null', 'var:True', 'var:x']],
    ['pipeline variable with members', '$_.Owner.Name', ['var:_.Owner.Name']],
    [
      'hashtable',
      '@{Add="a"; Remove=b}',
      ['@{', 'word:Add', '=', 'string:a', ';', 'word:Remove', '=', 'word:b', '}'],
    ],
    ['equals sign inside a word outside hashtables', 'l=Springfield', ['word:l=Springfield']],
    ['array subexpression', '@("a")', ['@(', 'string:a', ')']],
    ['script block with not', '{!$_.A}', ['{', '!', 'var:_.A', '}']],
    ['bang outside blocks is text', '!x', ['word:!x']],
    [
      'arrays and pipes',
      '"a","b" | Get-X; Get-Y',
      ['string:a', ',', 'string:b', '|', 'word:Get-X', ';', 'word:Get-Y'],
    ],
    ['assignment', '$x = Get-X', ['var:x', '=', 'word:Get-X']],
    ['comment', 'Get-X # trailing note', ['word:Get-X']],
    ['hash inside a word is text', 'a#b', ['word:a#b']],
    ['block comment', 'Get-X <# note #> -A', ['word:Get-X', 'param:A']],
    ['quoted part glued to a word', 'abc"def"', ['word:abcdef']],
    ['backtick line continuation', 'Get-X `\n-A', ['word:Get-X', 'param:A']],
    ['newline as a separator', 'Get-X\nGet-Y', ['word:Get-X', 'newline', 'word:Get-Y']],
  ])('reads %s', (_name, source, expected) => {
    expect(shape(source)).toEqual(expected);
  });

  it('keeps the position of every token', () => {
    const {tokens} = tokenize('Get-X  -Name "a"');
    expect(tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 5],
      [7, 12],
      [13, 16],
      [16, 16],
    ]);
  });

  it('marks whether whitespace came before a token', () => {
    const {tokens} = tokenize('-A:$x -B');
    expect(tokens.map((t) => t.spaced)).toEqual([true, false, true, false]);
  });

  it.each([
    ['an unterminated string', 'Get-X "abc', 6],
    ['an unclosed hashtable', 'Get-X @{a=1', 6],
    ['a stray closing bracket', 'Get-X )', 6],
    ['a mismatched bracket', 'Get-X (1}', 8],
    ['a subexpression', 'Get-X $(1)', 6],
    ['an ampersand', 'Get-X a&b', 7],
    ['redirection', 'Get-X > out.txt', 6],
    ['splatting', 'Get-X @args', 6],
    ['an environment variable', '$env:USER', 0],
    ['an unclosed index', '$x[0', 2],
    ['a lone dollar', 'Get-X $', 6],
    ['an invalid unicode escape', '"`u{110000}"', 1],
    ['an unterminated block comment', 'Get-X <# never closed', 6],
  ])('refuses %s with its position', (_name, source, offset) => {
    let problem: unknown;
    try {
      tokenize(source);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(SyntaxProblem);
    expect((problem as SyntaxProblem).offset).toBe(offset);
  });

  it('in partial mode never throws and reports what is still open', () => {
    const result = tokenize('Get-X @{Add="a', {partial: true});
    expect(result.unclosed).toEqual(['@{']);
    const last = result.tokens.at(-2);
    expect(last).toMatchObject({type: 'string', value: 'a', unterminated: true});
    expect(() => tokenize('a & b $( <# ', {partial: true})).not.toThrow();
    expect(tokenize('x <# open', {partial: true}).openComment).toBe(true);
  });

  it('reports the ranges of comments', () => {
    expect(tokenize('a # one\nb <# two #>').comments).toEqual([
      {start: 2, end: 7},
      {start: 10, end: 19},
    ]);
  });
});

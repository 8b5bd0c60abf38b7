import {afterEach, describe, expect, it, vi} from 'vitest';
import {tokenize} from '../../src/lang/tokenize.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** How often `method` of `proto` is called while the source is tokenized. */
function callsWhile<T extends object>(proto: T, method: keyof T & string, source: string): number {
  const spy = vi.spyOn(proto, method as never);
  tokenize(source);
  const calls = spy.mock.calls.length;
  spy.mockRestore();
  return calls;
}

// A line in a fresh process runs the tokenizer cold, where each character's checks cost more than
// the rest of the line's tokens: plain text is taken in runs, so the work does not grow with its length.
describe('the tokenizer takes plain text in runs', () => {
  it('reads the letters of a bare word as one run', () => {
    const word = `Set-${'x'.repeat(1000)}`;
    expect(tokenize(word).tokens[0]).toMatchObject({type: 'word', text: word});
    expect(callsWhile(RegExp.prototype, 'test', word)).toBeLessThan(10);
  });

  it('reads the plain text of a double-quoted string as one run', () => {
    const text = 'pc1.dc1.example.org\\'.repeat(50);
    expect(tokenize(`"${text}"`).tokens[0]).toMatchObject({type: 'string', value: text});
    expect(callsWhile(Set.prototype, 'has', `"${text}"`)).toBeLessThan(20);
  });

  it('still ends a word and a string where a character says so', () => {
    expect(tokenize('ab_1-c$x "a`tb$x""c" d').tokens.map((t) => t.type)).toEqual([
      'word',
      'string',
      'word',
      'eof',
    ]);
    expect(tokenize('"a`tb""c"').tokens[0]).toMatchObject({value: 'a\tb"c'});
    expect(tokenize('"a $x b"').tokens[0]).toMatchObject({
      parts: [
        {kind: 'text', text: 'a '},
        {kind: 'variable', name: 'x'},
        {kind: 'text', text: ' b'},
      ],
    });
  });
});

import {describe, expect, it} from 'vitest';
import {assertTextField, refusedCodePoint, textFieldProblem} from '../../src/domain/text-fields.js';
import {CmdletError} from '../../src/domain/errors.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

describe('the text-field rule', () => {
  it.each([
    ['an escape', 'a\u001bb', 0x1b],
    ['a DEL', 'a\u007f', 0x7f],
    ['a C1 CSI', 'a\u009b', 0x9b],
    ['a bidi override', 'abc\u202efed', 0x202e],
    ['a zero-width space', 'Ops\u200b', 0x200b],
    ['a soft hyphen', 'in\u00advisible', 0xad],
    ['a line separator', 'a\u2028b', 0x2028],
    ['a tag character', 'a\u{e0041}', 0xe0041],
    ['a lone surrogate', 'a\ud800', 0xd800],
    ['a line feed in a one-line field', 'one\ntwo', 0x0a],
  ])('refuses %s', (_name, text, code) => {
    expect(refusedCodePoint(text)).toBe(code);
  });

  it('lets multi-line text keep tabs and line breaks, and nothing else', () => {
    expect(refusedCodePoint('one\r\n\ttwo', 'lines')).toBeNull();
    expect(refusedCodePoint('one\n\u001b[2J', 'lines')).toBe(0x1b);
  });

  it.each(['ItRoom', 'Café Øresund', '会议室', 'Team 🚀', 'pc1.dc1.example.org\\ItRoom'])(
    'accepts the printable text %s',
    (text) => {
      expect(textFieldProblem(text)).toBeNull();
    },
  );

  it('names the parameter and the character', () => {
    try {
      assertTextField('a\u001bb', 'Description');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CmdletError);
      expect((error as CmdletError).parameter).toBe('Description');
      expect((error as CmdletError).message).toBe('Description cannot contain U+001B (a control character).');
    }
  });
});

const POOL = 'pc1.dc1.example.org';
const CATEGORY = `New-CsPersistentChatCategory -Name "C" -PersistentChatPoolFqdn "${POOL}"`;

describe('every cmdlet text field follows the one rule', () => {
  // `e is PowerShell's escape for ESC inside double quotes.
  it.each([
    ['a policy description', 'New-CsPersistentChatPolicy -Identity "Tag:T" -Description "a`e[2Jb"'],
    ['a policy description set later', 'Set-CsPersistentChatPolicy -Description "a`e[2Jb"'],
    [
      'a category description',
      'New-CsPersistentChatCategory -Name "C" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Description "a`e[2Jb"',
    ],
    [
      'a room description',
      `${CATEGORY}; New-CsPersistentChatRoom -Name "R" -Category "C" -PersistentChatPoolFqdn "${POOL}" -Description "a\`e[2Jb"`,
    ],
    [
      'a room name',
      `${CATEGORY}; New-CsPersistentChatRoom -Name "a\`eb" -Category "C" -PersistentChatPoolFqdn "${POOL}"`,
    ],
    [
      'an add-in URL',
      'New-CsPersistentChatAddin -Name "A" -PersistentChatPoolFqdn "pc1.dc1.example.org" -Url "https://a.example.org/`e"',
    ],
    [
      'the room management URL',
      'Set-CsPersistentChatConfiguration -Identity Global -RoomManagementUrl "https://a.example.org/`e"',
    ],
    ['a compliance adapter name', 'Set-CsPersistentChatComplianceConfiguration -AdapterName "a`eb"'],
    [
      'a compliance XSLT, which may hold line breaks but no escape',
      'Set-CsPersistentChatComplianceConfiguration -CustomConfiguration "<x/>`n`e[2J"',
    ],
    [
      'an endpoint display name',
      'New-CsPersistentChatEndpoint -SipAddress "sip:pce9@example.org" -PersistentChatPoolFqdn "pc1.dc1.example.org" -DisplayName "a`eb"',
    ],
    ['an identity', 'Get-CsPersistentChatPolicy -Identity "Tag:a`eb"'],
  ])('refuses an escape character in %s, naming U+001B', async (_name, line) => {
    const {runs} = await runLines(stateFrom(demoDeployment()), [line], {yes: true});
    const run = runs[0]!;
    expect(run.ok).toBe(false);
    expect(run.errors[0]?.message).toContain('U+001B (a control character)');
  });
});

describe('every cmdlet text field has a length limit', () => {
  const long = (n: number): string => 'x'.repeat(n);
  it.each([
    ['a policy description', `New-CsPersistentChatPolicy -Identity "Tag:T" -Description "${long(1025)}"`],
    ['a policy description set later', `Set-CsPersistentChatPolicy -Description "${long(1025)}"`],
    [
      'a category description',
      `New-CsPersistentChatCategory -Name "C" -PersistentChatPoolFqdn "${POOL}" -Description "${long(1025)}"`,
    ],
    [
      'a room name',
      `${CATEGORY}; New-CsPersistentChatRoom -Name "${long(257)}" -Category "C" -PersistentChatPoolFqdn "${POOL}"`,
    ],
    [
      'an add-in URL',
      `New-CsPersistentChatAddin -Name "A" -PersistentChatPoolFqdn "${POOL}" -Url "https://a.example.org/${long(2048)}"`,
    ],
    [
      'the room management URL',
      `Set-CsPersistentChatConfiguration -Identity Global -RoomManagementUrl "https://a.example.org/${long(2048)}"`,
    ],
    ['a compliance adapter name', `Set-CsPersistentChatComplianceConfiguration -AdapterName "${long(4097)}"`],
    [
      'an endpoint display name',
      `New-CsPersistentChatEndpoint -SipAddress "sip:pce9@example.org" -PersistentChatPoolFqdn "${POOL}" -DisplayName "${long(257)}"`,
    ],
    ['a policy identity', `New-CsPersistentChatPolicy -Identity "Tag:${long(4097)}"`],
  ])('refuses %s one character over its limit, saying the limit', async (_name, line) => {
    const {runs} = await runLines(stateFrom(demoDeployment()), [line], {yes: true});
    const run = runs.at(-1)!;
    expect(run.ok).toBe(false);
    expect(run.errors[0]?.message).toMatch(/\b(256|1024|2048|4096) characters/);
  });

  it.each([
    ['name', 256],
    ['description', 1024],
    ['url', 2048],
    ['line', 4096],
  ] as const)('lets a %s field hold exactly %i characters', (field, limit) => {
    expect(textFieldProblem('x'.repeat(limit), field)).toBeNull();
    expect(textFieldProblem('x'.repeat(limit + 1), field)).toBe(`it is longer than ${limit} characters`);
  });
});

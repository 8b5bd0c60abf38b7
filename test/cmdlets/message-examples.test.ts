// Every message example of rooms-and-content.md section 5, and Get-PcChatMessage, run as
// command lines on a store seeded with the fixture's ItRoom messages.

import {describe, expect, it} from 'vitest';
import {DEFAULT_REPLACEMENT} from '../../src/domain/messages.js';
import {ANA, POOL} from '../helpers/content-fixture.js';
import {errorIds, runExample, type Example} from '../helpers/content-examples.js';

const CREDS = '$cred1 = Get-Credential "EXAMPLE\\ben"; $cred2 = Get-Credential "EXAMPLE\\ana"';
const TEST =
  'Test-CsPersistentChatMessage -TargetFqdn pc1.dc1.example.org -SenderSipAddress "sip:ben@example.org" -SenderCredential $cred1 -ReceiverSipAddress "sip:ana@example.org" -ReceiverCredential $cred2';
const enablePolicy = 'Set-CsPersistentChatPolicy -Identity "global" -EnablePersistentChat $True';

const examples: Example[] = [
  {
    title: 'Remove-CsPersistentChatMessage -EndDate replaces everything through 1 April 2012',
    lines: ['Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -EndDate "4/1/2012"'],
    check: ({messages}) => expect(messages.map((m) => m.replaced)).toEqual([true, true, false, false, false]),
  },
  {
    title: "Remove-CsPersistentChatMessage -UserUri replaces all of Ana's messages with the default text",
    lines: [
      'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org"',
    ],
    check: ({messages}) => {
      expect(messages.filter((m) => m.author === ANA).map((m) => m.text)).toEqual([
        DEFAULT_REPLACEMENT,
        DEFAULT_REPLACEMENT,
        DEFAULT_REPLACEMENT,
      ]);
      expect(messages).toHaveLength(5);
    },
  },
  {
    title: 'Remove-CsPersistentChatMessage -ReplaceMessage uses the custom text',
    lines: [
      'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org" -ReplaceMessage "This message is no longer available."',
    ],
    check: ({messages}) =>
      expect(messages.filter((m) => m.replaced).map((m) => m.text)).toEqual(
        Array(3).fill('This message is no longer available.'),
      ),
  },
  {
    title: 'Remove-CsPersistentChatMessage -Remove deletes instead',
    lines: [
      'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org" -Remove',
    ],
    check: ({messages, store}) => {
      expect(messages.map((m) => m.text)).toEqual(['ProjectX kickoff', 'orion and vega status']);
      expect(store.ports().backups.list()).toHaveLength(1);
    },
  },
  {
    title: '-Remove with -ReplaceMessage is a ParameterConflict',
    lines: [
      'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -Remove -ReplaceMessage "x"',
    ],
    check: ({last, messages}) => {
      expect(errorIds(last)).toEqual(['ParameterConflict']);
      expect(messages.every((m) => !m.replaced)).toBe(true);
    },
  },
  {
    title: 'keyword matching with -MatchClause Exact',
    lines: [
      'Remove-CsPersistentChatMessage -Identity "pc1.dc1.example.org\\ItRoom" -Filter "internal use" -MatchClause Exact',
    ],
    check: ({messages}) => expect(messages.filter((m) => m.replaced).map((m) => m.id)).toEqual(['msg-3']),
  },
  {
    title: 'Test-CsPersistentChatMessage succeeds when both users have Persistent Chat and a room',
    lines: [enablePolicy, CREDS, TEST],
    check: ({last}) =>
      expect(last.output).toEqual([
        expect.objectContaining({TargetFqdn: POOL, Result: 'Success', Error: null}),
      ]),
  },
  {
    title: 'Test-CsPersistentChatMessage fails while no policy enables Persistent Chat',
    lines: [CREDS, TEST],
    check: ({last, state}) => {
      expect(last.output).toEqual([expect.objectContaining({Result: 'Failure'})]);
      expect(last.committed).toBe(false);
      expect(state.revision).toBe(last.revision);
    },
  },
  {
    title: 'Get-PcChatMessage lists ItRoom oldest first, with the room identity',
    lines: [
      'Get-PcChatMessage -Room "pc1.dc1.example.org\\ItRoom" -UserUri "sip:ana@example.org" -EndDate "3/1/2018"',
    ],
    check: ({last}) =>
      expect(last.output).toEqual([
        {
          Room: `${POOL}\\ItRoom`,
          Id: 'msg-1',
          Author: ANA,
          PostedAt: '2012-03-20T10:00:00.000Z',
          Text: 'Server move tonight',
          Replaced: false,
        },
        {
          Room: `${POOL}\\ItRoom`,
          Id: 'msg-3',
          Author: ANA,
          PostedAt: '2018-02-28T10:00:00.000Z',
          Text: 'For internal use only: budget draft',
          Replaced: false,
        },
      ]),
  },
];

describe('message examples through the command line', () => {
  it.each(examples)('$title', async (example) => {
    example.check(await runExample(example));
  });
});

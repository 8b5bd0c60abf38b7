// PSListModifier parameters (rooms-and-content.md 0.3, topology-and-service.md 2.1) are converted
// once, by the binder, for the content and the topology cmdlets alike. The two cmdlet-side readers
// that used to re-read them disagreed on a value that is not a list: one refused it, the other
// passed it on and the change was silently ignored. The spec's answer is InvalidValue.

import {describe, expect, it} from 'vitest';
import type {ChatState} from '../../src/domain/types.js';
import {byName, CARL, contentState, OU_IT} from '../helpers/content-fixture.js';
import {onePoolDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const ROOM_CATEGORY = 'Set-CsPersistentChatCategory -Identity "IT"';
const ACTIVE = 'Set-CsPersistentChatActiveServer -Identity "global"';
const activeOf = (state: ChatState): readonly string[] =>
  state.topology.persistentChatPools[0]!.activeServers;

describe('list modifier arguments', () => {
  it('replace the list with a plain list and empty it with $Null', async () => {
    const {state} = await runLines(contentState(), [
      `${ROOM_CATEGORY} -AllowedMembers "${OU_IT}","sip:carl@example.org"`,
      `${ROOM_CATEGORY} -Creators $Null`,
    ]);
    expect(byName(state.categories, 'IT').allowedMembers).toEqual([OU_IT, CARL]);
    expect(byName(state.categories, 'IT').creators).toEqual([]);
  });

  it.each([
    ['a content list given a script block', contentState(), `${ROOM_CATEGORY} -AllowedMembers {Name}`],
    ['a content list given an unknown key', contentState(), `${ROOM_CATEGORY} -AllowedMembers @{Append="x"}`],
    [
      'the active servers given a script block',
      stateFrom(onePoolDeployment()),
      `${ACTIVE} -ActiveServers {x}`,
    ],
    [
      'the active servers given an unknown key',
      stateFrom(onePoolDeployment()),
      `${ACTIVE} -ActiveServers @{Append="chat1.dc1.example.org"}`,
    ],
  ])('refuse %s with InvalidValue and change nothing', async (_title, start, line) => {
    const {runs, state} = await runLines(start, [line]);
    expect(runs[0]!.errors.map((e) => [e.errorId, e.parameter])).toEqual([
      ['InvalidValue', line.includes('ActiveServers') ? 'ActiveServers' : 'AllowedMembers'],
    ]);
    expect(state.categories).toEqual(start.categories);
    expect(activeOf(state)).toEqual(activeOf(start));
  });
});

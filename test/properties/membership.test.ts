// Random sequences of category and room edits. R6 lets a later category change leave room entries
// out of scope, so the invariant is stated as the spec allows: whatever a room edit or move writes
// is in scope at that moment, auditorium rules hold, failures change nothing, and what the
// eligibility rule offers is exactly what a room edit accepts.

import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {setCategory} from '../../src/domain/categories.js';
import {setRoom} from '../../src/domain/room-set.js';
import {eligibilityTest} from '../../src/domain/eligibility.js';
import {entryInScope, scopeOf, withinMembers} from '../../src/domain/membership.js';
import {principalKey} from '../../src/domain/principals.js';
import {CmdletError} from '../../src/domain/errors.js';
import type {ChatState, Room} from '../../src/domain/types.js';
import {contentState} from '../helpers/content-fixture.js';

const base = contentState({townHall: true});
const PRINCIPALS = [
  ...base.directory.users.map((u) => u.sipAddress!),
  ...base.directory.groups.map((g) => g.dn),
  ...base.directory.organizationalUnits,
  ...base.directory.containers,
  'DC=example,DC=org',
];
const CATEGORY_NAMES = base.categories.map((c) => c.name);
const ROOM_NAMES = base.rooms.map((r) => r.name);

const principals = fc.subarray(PRINCIPALS, {maxLength: 3});
const listChange = fc.oneof(
  fc.constant(undefined),
  fc.record({add: principals}),
  fc.record({remove: principals}),
  fc.record({replace: principals}),
  fc.record({add: principals, remove: principals}),
);

const categoryEdit = fc.record({
  kind: fc.constant('category' as const),
  identity: fc.constantFrom(...CATEGORY_NAMES),
  allowedMembers: listChange,
  deniedMembers: listChange,
  creators: listChange,
});

const roomEdit = fc.record({
  kind: fc.constant('room' as const),
  identity: fc.constantFrom(...ROOM_NAMES),
  category: fc.option(fc.constantFrom(...CATEGORY_NAMES), {nil: undefined}),
  type: fc.option(fc.constantFrom('Normal', 'Auditorium'), {nil: undefined}),
  members: listChange,
  managers: listChange,
  presenters: listChange,
});

const edits = fc.array(fc.oneof(categoryEdit, roomEdit), {minLength: 1, maxLength: 25});

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

const keys = (list: readonly string[]) => new Set(list.map(principalKey));
const roomNamed = (state: ChatState, name: string): Room => state.rooms.find((r) => r.name === name)!;

/** Checks one successful room edit: what it wrote is in scope, presenters follow R9/R10. */
const checkRoomEdit = (before: ChatState, after: ChatState, name: string): void => {
  const old = roomNamed(before, name);
  const room = roomNamed(after, name);
  const category = after.categories.find((c) => c.id === room.categoryId)!;
  const moved = old.categoryId !== room.categoryId;
  for (const list of ['members', 'managers', 'presenters'] as const) {
    const previous = keys(old[list]);
    const written = moved ? room[list] : room[list].filter((v) => !previous.has(principalKey(v)));
    for (const value of written)
      expect(entryInScope(after.directory, scopeOf(category), value), `${name}.${list} ${value}`).toBe(true);
  }
  if (room.type === 'Normal') expect(room.presenters).toEqual([]);
  const previousPresenters = keys(old.presenters);
  for (const p of room.presenters.filter(
    (v) => !previousPresenters.has(principalKey(v)) || room.members !== old.members,
  )) {
    expect(withinMembers(after.directory, room.members, p), `presenter ${p}`).toBe(true);
  }
};

describe('membership under random edits', () => {
  it('never writes a room entry outside its category scope, and fails without changing anything', () => {
    fc.assert(
      fc.property(edits, (sequence) => {
        let state = deepFreeze(contentState({townHall: true}));
        let rev = 2;
        for (const edit of sequence) {
          const before = state;
          try {
            if (edit.kind === 'category') {
              state = deepFreeze(setCategory(state, {...edit, rev: rev++}).state);
            } else {
              state = deepFreeze(setRoom(state, {...edit, rev: rev++}).state);
              checkRoomEdit(before, state, edit.identity);
            }
          } catch (error) {
            if (!(error instanceof CmdletError)) throw error;
            expect(['PrincipalNotInScope', 'PresenterNotAllowed', 'InvalidPrincipal']).toContain(
              error.errorId,
            );
            expect(state).toBe(before);
          }
        }
        for (const room of state.rooms) if (room.type === 'Normal') expect(room.presenters).toEqual([]);
      }),
      {numRuns: 150},
    );
  });

  it('offers as eligible exactly the principals a room accepts as members and presenters', () => {
    fc.assert(
      fc.property(
        edits,
        fc.constantFrom(...ROOM_NAMES),
        fc.constantFrom(...PRINCIPALS),
        (sequence, name, candidate) => {
          let state = contentState({townHall: true});
          for (const edit of sequence) {
            try {
              state =
                edit.kind === 'category'
                  ? setCategory(state, {...edit, rev: 2}).state
                  : setRoom(state, {...edit, rev: 2}).state;
            } catch {
              // A refused edit leaves the state as it was; the sequence goes on.
            }
          }
          const room = roomNamed(state, name);
          const category = state.categories.find((c) => c.id === room.categoryId)!;
          const accepts = (input: Parameters<typeof setRoom>[1]): boolean => {
            try {
              setRoom(state, input);
              return true;
            } catch (error) {
              if (!(error instanceof CmdletError)) throw error;
              return false;
            }
          };
          // An entry already on the list is ignored by Add (and may be out of scope under R6), so only new ones count.
          if (!keys(room.members).has(principalKey(candidate))) {
            expect(accepts({identity: name, members: {add: [candidate]}, rev: 3})).toBe(
              eligibilityTest(state, {category})(candidate),
            );
          }
          if (room.type === 'Auditorium' && !keys(room.presenters).has(principalKey(candidate))) {
            expect(accepts({identity: name, presenters: {add: [candidate]}, rev: 3})).toBe(
              eligibilityTest(state, {room, presenters: true})(candidate),
            );
          }
        },
      ),
      {numRuns: 150},
    );
  });
});

// Who may find, join and post in a room: R11 (privacy), R12 (posting), R14-R16 (category
// features, disabled rooms). Evaluated at the time of asking, so R6 holds by construction.

import type {Category, ChatState, Room} from './types.js';
import {isEffectiveMember, isPresenter, personInScope, scopeOf} from './membership.js';

export interface RoomView {
  readonly state: ChatState;
  readonly category: Category;
  readonly room: Room;
}

/** R11 + R16: Secret rooms are visible to members only; disabled rooms to nobody. */
export const canFindRoom = ({state, category, room}: RoomView, sip: string): boolean =>
  !room.disabled &&
  personInScope(state.directory, scopeOf(category), sip) &&
  (room.privacy !== 'Secret' || isEffectiveMember(state.directory, category, room, sip));

/** R11: Open rooms admit anyone in category scope; Closed and Secret rooms their members. */
export const canTakePart = ({state, category, room}: RoomView, sip: string): boolean =>
  !room.disabled &&
  personInScope(state.directory, scopeOf(category), sip) &&
  (room.privacy === 'Open' || isEffectiveMember(state.directory, category, room, sip));

/** R12: in an auditorium only presenters post. */
export const canPost = (view: RoomView, sip: string): boolean =>
  canTakePart(view, sip) &&
  (view.room.type === 'Normal' || isPresenter(view.state.directory, view.category, view.room, sip));

/** R13: effective invitations. */
export const invitationsEffective = (category: Category, room: Room): boolean =>
  category.invitations && room.invitations === 'Inherit';

/** R14: there is no room-level switch, so the category decides. */
export const fileUploadAllowed = (category: Category): boolean => category.fileUpload;

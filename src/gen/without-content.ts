// A store's state with its content taken out: the same topology, directory, policies and settings,
// and no categories, rooms or add-ins (their messages go with them). An export of a store imported
// into this is a round trip (issue 9): everything the archive carries comes back from it alone.

import type {ChatState} from '../domain/types.js';

export const withoutContent = (state: ChatState): ChatState => ({
  ...state,
  categories: [],
  rooms: [],
  addins: [],
});

// Generated chat history: messages spread over all the rooms, oldest first, after the demo's last
// one (June 2018), so the log stays in the order it would have been written in.

import type {ChatMessage, Room} from '../domain/types.js';
import {WORDS} from './names.js';
import type {Random} from './random.js';

const FIRST = Date.UTC(2018, 6, 1);
const LAST = Date.UTC(2026, 0, 1);

export function generateMessages(
  count: number,
  rooms: readonly Room[],
  users: readonly string[],
  random: Random,
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (count <= 0 || rooms.length === 0) return messages;
  const step = (LAST - FIRST) / count;
  for (let i = 0; i < count; i++) {
    const room = random.pick(rooms);
    const author = room.members.length > 0 ? random.pick(room.members) : random.pick(users);
    let text: string = random.pick(WORDS);
    for (let w = 2 + random.below(10); w > 0; w--) text += ` ${random.pick(WORDS)}`;
    messages.push({
      id: random.uuid(),
      roomId: room.id,
      author,
      postedAt: new Date(Math.floor(FIRST + i * step + random.next() * step)).toISOString(),
      text,
      replaced: false,
      replacedAt: null,
    });
  }
  return messages;
}

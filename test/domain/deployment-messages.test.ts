import {describe, expect, it} from 'vitest';
import {buildMessage, shapeIssues} from '../../src/domain/deployment.js';
import {DeploymentMessageCheck} from '../../src/domain/deployment-messages.js';
import {deploymentMessageSchema} from '../../src/domain/deployment-schema.js';

const good = {
  room: 'pc1.example.org\\Lobby',
  from: 'sip:Ana@Example.org',
  at: '2026-01-02T03:04:05+01:00',
  text: 'hello',
};

/** What the message schema alone says of the entry at `index`: the message, or its problems. */
function bySchema(input: unknown, index: number): unknown {
  const parsed = deploymentMessageSchema.safeParse(input);
  return parsed.success
    ? buildMessage(parsed.data)
    : parsed.error.issues.flatMap((i) => shapeIssues({...i, path: ['messages', index, ...i.path]}));
}

function byCheck(check: DeploymentMessageCheck, input: unknown, index: number): unknown {
  const message = check.check(input, index);
  if (message !== null) return message;
  const at = `messages[${index}]`;
  return check
    .shapeIssues()
    .listed.filter((i) => i.parameter === at || i.parameter?.startsWith(`${at}.`) === true);
}

const entries: unknown[] = [
  good,
  {...good, room: '  pc1.example.org\\Lobby  '},
  {...good, from: 'sip:ben@example.org'},
  {...good, from: 'ben@example.org'},
  {...good, from: 'sip:ana@exa mple.org'},
  {...good, room: 'pc1.example.org\\'},
  {...good, room: ''},
  {...good, room: 'a\u001bb'},
  {...good, at: '2026-01-02'},
  {...good, at: '2026-13-40T03:04:05Z'},
  {...good, text: ''},
  {...good, text: 'bell \u0007'},
  {...good, text: 'x'.repeat(100_001)},
  {...good, extra: 1},
  {room: good.room, from: good.from, at: good.at},
  {room: good.room, from: good.from, at: good.at, text: 5},
  {room: good.room, from: good.from, at: good.at, txt: 'hello'},
  JSON.parse(`{"room":"r\\\\x","from":"${good.from}","at":"${good.at}","__proto__":"hello"}`),
  [good.room, good.from, good.at, good.text],
  null,
  'text',
];

describe('the streamed check of deployment messages', () => {
  it('gives each entry the answer the message schema gives it, twice over (the second time from what it remembers)', () => {
    const check = new DeploymentMessageCheck();
    const all = [...entries, ...entries];
    all.forEach((entry, i) => {
      const expected = bySchema(entry, i);
      // A trimmed room reaches the message trimmed, as the schema gives it.
      expect(byCheck(check, entry, i), JSON.stringify(entry)?.slice(0, 80)).toEqual(expected);
    });
  });

  it('remembers a room that failed its check as failing', () => {
    const check = new DeploymentMessageCheck();
    expect(check.check({...good, room: 'pc1\\'}, 0)).toBeNull();
    expect(check.check({...good, room: 'pc1\\'}, 1)).toBeNull();
    expect(check.shapeIssues().listed.map((i) => i.parameter)).toEqual([
      'messages[0].room',
      'messages[1].room',
    ]);
  });
});

import {describe, expect, it} from 'vitest';
import {auditMatcher, lastN, messageMatcher} from '../../src/domain/log-queries.js';
import type {AuditEntry, ChatMessage} from '../../src/domain/types.js';

const message = (roomId: string, author: string, postedAt: string) =>
  ({roomId, author, postedAt}) as ChatMessage;

describe('which messages a query selects', () => {
  const m = message('r1', 'sip:Ana@example.org', '2026-03-01T10:00:00.000Z');
  it.each<[string, Parameters<typeof messageMatcher>[0], boolean]>([
    ['no conditions', {}, true],
    ['its room', {roomIds: ['r2', 'r1']}, true],
    ['another room', {roomIds: ['r2']}, false],
    ['no rooms at all', {roomIds: []}, false],
    ['its author in another case', {author: 'SIP:ana@EXAMPLE.org'}, true],
    ['another author', {author: 'sip:ben@example.org'}, false],
    ['bounds that include it exactly', {from: m.postedAt, to: m.postedAt}, true],
    ['a lower bound after it', {from: '2026-03-01T10:00:00.001Z'}, false],
    ['an upper bound before it', {to: '2026-03-01T09:59:59.999Z'}, false],
  ])('%s: %s', (_case, query, selected) => {
    expect(messageMatcher(query)(m)).toBe(selected);
  });
});

describe('audit queries', () => {
  const entry = {time: '2026-03-01T10:00:00.000Z'} as AuditEntry;
  it('keeps entries at or after since', () => {
    expect(auditMatcher({since: entry.time})(entry)).toBe(true);
    expect(auditMatcher({since: '2026-03-01T10:00:00.001Z'})(entry)).toBe(false);
    expect(auditMatcher({})(entry)).toBe(true);
  });

  it.each<[number | undefined, number[]]>([
    [undefined, [1, 2, 3]],
    [2, [2, 3]],
    [5, [1, 2, 3]],
    [0, []],
    [-1, []],
  ])('the last %s of three entries', (limit, kept) => {
    expect(lastN([1, 2, 3], limit)).toEqual(kept);
  });
});

import {describe, expect, it} from 'vitest';
import {
  captureEffects,
  capturePools,
  conversations,
  planCapture,
  withMark,
  type CapturePlan,
} from '../../src/domain/compliance-capture.js';
import {TICKS_AT_1970} from '../../src/domain/compliance-time.js';
import type {MessageReader} from '../../src/domain/ports.js';
import type {ChatMessage, ChatState, ComplianceConfiguration} from '../../src/domain/types.js';
import {ANA, BEN, MESSAGES, POOL, POOL2, contentState} from '../helpers/content-fixture.js';
import {child, childNames, conversationParts, parseXml, type XmlElement} from '../helpers/compliance-xml.js';

const NOW = new Date('2026-01-15T12:00:00.000Z');

/** A reader over an array that counts its passes and the most messages it handed out in one. */
const readerOver = (messages: readonly ChatMessage[]) => {
  const stats = {scans: 0};
  const reader: MessageReader = {
    *scan(q) {
      stats.scans += 1;
      for (const m of messages) if (!q.roomIds || q.roomIds.includes(m.roomId)) yield m;
    },
  };
  return {reader, stats};
};

const withCompliance = (state: ChatState, values: Partial<ComplianceConfiguration>): ChatState => ({
  ...state,
  compliance: [
    {
      identity: `Service:PersistentChatServer:${POOL}`,
      adapterType: 'XML',
      adapterName: null,
      adapterOutputDirectory: null,
      oneChatRoomPerOutputFile: false,
      addChatRoomDetails: false,
      addUserDetails: false,
      createFileAttachmentsManifest: false,
      customConfiguration: null,
      runIntervalSeconds: 900,
      rev: 1,
      ...values,
    },
  ],
});

const msg = (id: string, roomId: string, postedAt: string, text: string, author = ANA): ChatMessage => ({
  id,
  roomId,
  author,
  postedAt,
  text,
  replaced: false,
  replacedAt: null,
});

/** Plans a capture and produces its files as text, as the store would at commit. */
function capture(state: ChatState, messages: readonly ChatMessage[], now = NOW) {
  const {reader} = readerOver(messages);
  const pool = capturePools(state, POOL)[0]!;
  const plan = planCapture(state, reader, pool, now);
  const files = new Map<string, string>();
  for (const effect of captureEffects(state, plan, reader)) {
    if (effect.kind !== 'writeFile' || typeof effect.data !== 'function')
      throw new Error('not a streamed file');
    let text = '';
    effect.data((chunk) => (text += chunk));
    files.set(effect.path, text);
  }
  return {plan, files, state: withMark(state, plan.mark)};
}

const only = <T>(items: Iterable<T>): T => {
  const all = [...items];
  expect(all).toHaveLength(1);
  return all[0]!;
};

const timeAgrees = (e: XmlElement): void => {
  const {since1970, string, long} = e.attributes;
  expect(BigInt(long!)).toBe(BigInt(since1970!) * 10_000n + TICKS_AT_1970);
  expect(string).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
  expect(Date.parse(string!)).toBe(Number(since1970));
};

describe('the compliance XML of a capture', () => {
  it('follows the structure of topology spec 4.5, with the three time forms in agreement', () => {
    const {files} = capture(contentState(), MESSAGES);
    const [path, text] = only(files);
    expect(path).toBe(`compliance/${POOL}/PersistentChat_${POOL}_20260115T120000000Z.xml`);
    const root = parseXml(text);
    expect(root.name).toBe('Conversations');
    const conversation = only(root.children);
    expect(conversation.name).toBe('Conversation');
    const {channel, first, messages} = conversationParts(conversation);
    expect(channel.attributes).toEqual({uri: 'ma-chan://example.org/room-it', name: 'ItRoom'});
    expect(messages.map((m) => m.attributes['content'])).toEqual(MESSAGES.map((m) => m.text));
    expect(first).toEqual({...messages[0], name: 'FirstMessage'});
    for (const m of [first, ...messages]) {
      expect(m.attributes['type']).toBe('CHAT');
      expect(Object.keys(m.attributes)).toEqual(['type', 'content', 'id']);
      expect(childNames(m)).toEqual(['Sender', 'DateTimeUTC']);
      expect(Object.keys(child(m, 'Sender').attributes)).toEqual(['id', 'uri']);
      timeAgrees(child(m, 'DateTimeUTC'));
    }
    expect(child(messages[0]!, 'DateTimeUTC').attributes).toEqual({
      since1970: '1332237600000',
      string: '2012-03-20T10:00:00.0000000Z',
      long: '634678344000000000',
    });
    timeAgrees(child(conversation, 'StartTimeUTC'));
    timeAgrees(child(conversation, 'EndTimeUTC'));
    expect(child(conversation, 'StartTimeUTC').attributes['string']).toBe('2012-03-20T10:00:00.0000000Z');
    expect(child(conversation, 'EndTimeUTC').attributes['string']).toBe('2026-01-15T12:00:00.0000000Z');
  });

  it('writes one Conversation per room in one file, or one file per room with OneChatRoomPerOutputFile', () => {
    const log = [...MESSAGES, msg('e1', 'room-emea', '2020-01-01T00:00:00.000Z', 'hello emea')];
    const single = capture(contentState(), log);
    const conversationsOf = (text: string) =>
      parseXml(text).children.map((c) => child(c, 'Channel').attributes['name']);
    expect(conversationsOf(only(single.files.values()))).toEqual(['ItRoom', 'EmeaRoom']);

    const perRoom = capture(withCompliance(contentState(), {oneChatRoomPerOutputFile: true}), log);
    expect([...perRoom.files.keys()]).toEqual([
      `compliance/${POOL}/PersistentChat_${POOL}_20260115T120000000Z_room-it.xml`,
      `compliance/${POOL}/PersistentChat_${POOL}_20260115T120000000Z_room-emea.xml`,
    ]);
    expect([...perRoom.files.values()].map((text) => conversationsOf(text))).toEqual([
      ['ItRoom'],
      ['EmeaRoom'],
    ]);
  });

  it('adds category, privacy and type to Channel with AddChatRoomDetails', () => {
    const {files} = capture(withCompliance(contentState(), {addChatRoomDetails: true}), MESSAGES);
    const channel = child(only(parseXml(only(files.values())).children), 'Channel');
    expect(channel.attributes).toEqual({
      uri: 'ma-chan://example.org/room-it',
      name: 'ItRoom',
      category: 'IT',
      privacy: 'Closed',
      type: 'Normal',
    });
  });

  it('fills UserName, email and internal of Sender from the directory with AddUserDetails', () => {
    const log = [
      MESSAGES[0]!,
      msg('f1', 'room-it', '2019-01-01T00:00:00.000Z', 'from outside', 'sip:zoe@fabrikam.com'),
    ];
    const {files} = capture(withCompliance(contentState(), {addUserDetails: true}), log);
    const {messages} = conversationParts(only(parseXml(only(files.values())).children));
    const senders = messages.map((m) => child(m, 'Sender').attributes);
    expect(senders[0]).toMatchObject({UserName: 'Ana Silva', id: ANA, internal: 'true', uri: ANA});
    expect(Object.keys(senders[0]!)[0]).toBe('UserName');
    expect(senders[1]).toEqual({id: 'sip:zoe@fabrikam.com', internal: 'false', uri: 'sip:zoe@fabrikam.com'});
  });

  it('writes a .ATTACH manifest beside each XML file with CreateFileAttachmentsManifest', () => {
    const log = [...MESSAGES, msg('e1', 'room-emea', '2020-01-01T00:00:00.000Z', 'hello emea')];
    const state = withCompliance(contentState(), {
      createFileAttachmentsManifest: true,
      oneChatRoomPerOutputFile: true,
    });
    const {files} = capture(state, log);
    const names = [...files.keys()];
    expect(names.filter((n) => n.endsWith('.ATTACH'))).toEqual(
      names.filter((n) => n.endsWith('.xml')).map((n) => n.replace(/\.xml$/, '.ATTACH')),
    );
    const manifest = parseXml(files.get(names.find((n) => n.endsWith('.ATTACH'))!)!);
    expect(manifest).toEqual({name: 'FileAttachments', attributes: {}, children: []});
    expect([...capture(contentState(), log).files.keys()].some((n) => n.endsWith('.ATTACH'))).toBe(false);
  });

  it('writes the raw XML with XsltNotApplied when CustomConfiguration holds an XSLT', () => {
    const xslt = '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>';
    const plain = capture(contentState(), MESSAGES);
    const styled = capture(withCompliance(contentState(), {customConfiguration: xslt}), MESSAGES);
    expect(styled.plan.warnings.map((w) => w.warningId)).toEqual(['XsltNotApplied']);
    expect(plain.plan.warnings).toEqual([]);
    expect([...styled.files.values()]).toEqual([...plain.files.values()]);
  });

  it('goes to the folder of a Windows path under exports/, with a warning naming it', () => {
    const state = withCompliance(contentState(), {
      adapterOutputDirectory: '\\\\fs1.dc1.example.org\\share\\Compliance',
    });
    const {plan, files} = capture(state, MESSAGES);
    expect(plan.directory).toBe('Compliance');
    expect(only(files.keys())).toMatch(/^Compliance\/PersistentChat_/);
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        warningId: 'WindowsPathMapped',
        message: expect.stringContaining('exports/Compliance') as string,
      }),
    ]);
  });
});

describe('escaping in the compliance XML', () => {
  const texts: readonly [string, string][] = [
    ['XML special characters', `a < b > c & d "quoted" 'single'`],
    ['text that looks like an entity', 'x &lt; y &amp; z &#65; &unknown;'],
    ['a CDATA end and markup', ']]> <![CDATA[x]]> <Message content="fake"/>'],
    ['tabs and line breaks', 'line one\nline two\r\nline\tthree\r'],
    ['leading and trailing spaces', '  padded  '],
    ['bidi, zero-width and C1 characters', 'abc\u202Edcba \u200B\u2066x\u2069 \u0085\u009B'],
    ['characters outside the BMP', 'emoji \u{1F600} tag \u{E0041}'],
  ];

  it.each(texts)('reads %s back exactly, in message text and room names', (_, text) => {
    const base = contentState();
    const state = {
      ...base,
      rooms: base.rooms.map((r) => (r.id === 'room-it' ? {...r, name: `Room ${text}`} : r)),
    };
    const {files, plan} = capture(state, [msg('x1', 'room-it', '2020-01-01T00:00:00.000Z', text)]);
    const conversation = only(parseXml(only(files.values())).children);
    const {channel, messages} = conversationParts(conversation);
    expect(only(messages).attributes['content']).toBe(text);
    expect(channel.attributes['name']).toBe(`Room ${text}`);
    expect(plan.warnings).toEqual([]);
  });

  it('writes characters XML cannot hold as U+FFFD and warns with their number', () => {
    const text = 'bell\u0007 escape\u001B[31m lone\uD800 nul\u0000 end\uFFFF';
    const {files, plan} = capture(contentState(), [msg('x1', 'room-it', '2020-01-01T00:00:00.000Z', text)]);
    const {messages} = conversationParts(only(parseXml(only(files.values())).children));
    expect(only(messages).attributes['content']).toBe(
      'bell\uFFFD escape\uFFFD[31m lone\uFFFD nul\uFFFD end\uFFFD',
    );
    expect(plan.warnings).toEqual([
      expect.objectContaining({
        warningId: 'ComplianceTextReplaced',
        message: expect.stringMatching(/^5 characters/) as string,
      }),
    ]);
  });
});

describe('the high-water mark', () => {
  it('makes the next capture write only the messages posted since the previous one', () => {
    const first = capture(contentState(), MESSAGES, new Date('2026-01-15T12:00:00.000Z'));
    expect(first.plan.messages).toBe(5);
    const later = [
      ...MESSAGES,
      msg('n1', 'room-it', '2026-01-15T12:30:00.000Z', 'after the first capture', BEN),
      msg('n2', 'room-it', '2026-01-15T14:00:00.000Z', 'after the second capture'),
    ];
    const second = capture(first.state, later, new Date('2026-01-15T13:00:00.000Z'));
    expect(second.plan.messages).toBe(1);
    const conversation = only(parseXml(only(second.files.values())).children);
    expect(conversationParts(conversation).messages.map((m) => m.attributes['id'])).toEqual(['n1']);
    expect(child(conversation, 'StartTimeUTC').attributes['string']).toBe('2026-01-15T12:00:00.0000000Z');
    const third = capture(second.state, later, new Date('2026-01-15T13:00:00.000Z'));
    expect(third.plan.files).toEqual([]);
  });

  it('takes a message posted at the very instant of the previous capture once, whichever run saw it', () => {
    const at = '2026-01-15T12:00:00.000Z';
    const seen = msg('a', 'room-it', at, 'seen by the first run');
    const late = msg('b', 'room-it', at, 'committed after it in the same millisecond');
    const first = capture(contentState(), [seen], new Date(at));
    expect(first.plan.mark).toEqual({poolFqdn: POOL, through: at, idsAtThrough: ['a']});
    const second = capture(first.state, [seen, late], new Date('2026-01-15T12:05:00.000Z'));
    expect(
      conversationParts(only(parseXml(only(second.files.values())).children)).messages.map(
        (m) => m.attributes['id'],
      ),
    ).toEqual(['b']);
  });

  it('keeps each pool its own mark', () => {
    const marked = withMark(withMark(contentState(), {poolFqdn: POOL, through: 'a', idsAtThrough: []}), {
      poolFqdn: POOL2,
      through: 'b',
      idsAtThrough: [],
    });
    const again = withMark(marked, {poolFqdn: POOL, through: 'c', idsAtThrough: []});
    expect(again.complianceMarks).toEqual([
      {poolFqdn: POOL2, through: 'b', idsAtThrough: []},
      {poolFqdn: POOL, through: 'c', idsAtThrough: []},
    ]);
  });
});

describe('which pools a capture takes', () => {
  const twoPools = contentState({twoPools: true});
  const disabled = {
    ...twoPools,
    topology: {
      ...twoPools.topology,
      persistentChatPools: twoPools.topology.persistentChatPools.map((p) =>
        p.fqdn === POOL2 ? {...p, compliance: {enabled: false, store: null}} : p,
      ),
    },
  };

  it('refuses a pool whose topology has compliance disabled with ComplianceDisabled', () => {
    expect(() => capturePools(disabled, POOL2)).toThrow(
      expect.objectContaining({errorId: 'ComplianceDisabled'}),
    );
    expect(() => capturePools(disabled, `service:PersistentChatServer:${POOL2}`)).toThrow(
      expect.objectContaining({errorId: 'ComplianceDisabled'}),
    );
  });

  it('takes the pools of a scope whose topology has compliance enabled', () => {
    expect(capturePools(disabled, 'Global').map((p) => p.fqdn)).toEqual([POOL]);
    expect(capturePools(disabled, 'site:DC1').map((p) => p.fqdn)).toEqual([POOL]);
    expect(() => capturePools(disabled, 'site:DC2')).toThrow(
      expect.objectContaining({errorId: 'ComplianceDisabled'}),
    );
    expect(() => capturePools(disabled, 'site:Nowhere')).toThrow(
      expect.objectContaining({errorId: 'SiteNotFound'}),
    );
    expect(() => capturePools(disabled, 'pc9.example.org')).toThrow(
      expect.objectContaining({errorId: 'PoolNotFound'}),
    );
  });

  it.each([
    [null, /AdapterType is \$Null/],
    ['Contoso.Compliance.Adapter,Contoso', /Only the built-in XML adapter/],
  ])('refuses adapter type %s with AdapterNotAvailable', (adapterType, message) => {
    const state = withCompliance(contentState(), {adapterType});
    const pool = capturePools(state, POOL)[0]!;
    expect(() => planCapture(state, readerOver(MESSAGES).reader, pool, NOW)).toThrow(
      expect.objectContaining({
        errorId: 'AdapterNotAvailable',
        message: expect.stringMatching(message) as string,
      }),
    );
  });
});

describe('reading a large log in batches', () => {
  const rooms = contentState().rooms.map((r) => r.id);
  const log = Array.from({length: 2_000}, (_, i) =>
    msg(
      `m${i}`,
      rooms[i % rooms.length]!,
      new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString(),
      `text ${i}`,
    ),
  );
  const planOf = (): CapturePlan => {
    const state = contentState();
    return planCapture(state, readerOver(log).reader, capturePools(state, POOL)[0]!, NOW);
  };

  it('holds at most one batch of messages at a time and reads the log once per batch', () => {
    const {reader, stats} = readerOver(log);
    const seen: string[][] = [];
    for (const c of conversations(planOf(), reader, 800)) seen.push([...c.messages].map((m) => m.id));
    // 5 rooms of 400 messages: two rooms fill a batch of 800, so three passes.
    expect(stats.scans).toBe(3);
    expect(seen.map((ids) => ids.length)).toEqual([400, 400, 400, 400, 400]);
    expect(seen.flat().sort()).toEqual(log.map((m) => m.id).sort());
  });

  it('streams a room that fills a batch alone straight from the log', () => {
    const {reader, stats} = readerOver(log);
    const result = [...conversations(planOf(), reader, 100)];
    expect(stats.scans).toBe(0);
    expect(Array.isArray(result[0]!.messages)).toBe(false);
    expect([...result[0]!.messages]).toHaveLength(400);
    expect(stats.scans).toBe(1);
  });
});

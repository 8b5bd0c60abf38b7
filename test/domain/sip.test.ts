import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  assertFqdn,
  assertSipAddress,
  hostNameProblem,
  parseSipUri,
  sipAddressKey,
  sipAddressProblem,
  sipUriEquals,
} from '../../src/domain/sip.js';
import {CmdletError} from '../../src/domain/errors.js';

describe('SIP addresses of directory objects', () => {
  it.each([
    'sip:ana@example.org',
    'SIP:Ana@Example.ORG',
    'sip:jordan.lee@example.org',
    'sip:o%27brien@example.org',
    "sip:first_last-1!~*'()&=+$,;?/@example.org",
    'sip:pce@chat.example.org',
    'sip:a@xn--bcher-kva.example',
    'sip:x@example.org.',
  ])('accepts %s', (text) => {
    expect(sipAddressProblem(text)).toBeNull();
  });

  it.each([
    ['ana@example.org', 'starts with "sip:"'],
    ['sips:ana@example.org', '"sips:"'],
    ['tel:+15551234', 'starts with "sip:"'],
    ['sip:example.org', 'needs a user part'],
    ['sip:@example.org', 'empty'],
    ['sip:ana smith@example.org', 'a space'],
    ['sip:ana\u001b[2J@example.org', '\\u001b'],
    ['sip:ana@exa mple.org', 'ASCII'],
    ['sip:ana%zz@example.org', 'two hex digits'],
    ['sip:ana%4@example.org', 'two hex digits'],
    ['sip:ana:secret@example.org', 'password'],
    ['sip:ana@example.org:5061', 'port'],
    ['sip:ana@example.org;transport=tls', 'parameters'],
    ['sip:ana@example.org?subject=hi', 'headers'],
    ['sip:ana@localhost', 'two labels'],
    ['sip:ana@1.2.3.4', 'fully qualified'],
    ['sip:ana@[::1]', 'fully qualified'],
    ['sip:ana@[::1', 'not closed'],
    ['sip:ana@example.123', 'start with a letter'],
    ['sip:ana@-example.org', 'inner hyphens'],
    ['sip:ana@example-.org', 'inner hyphens'],
    ['sip:ana@exa_mple.org', 'inner hyphens'],
    ['sip:ana@example..org', 'empty label'],
    [`sip:ana@${'a'.repeat(64)}.org`, 'longer than 63'],
    [`sip:ana@${'abcdefgh.'.repeat(29)}org`, 'longer than 253'],
    ['sip:ana@bücher.example', 'ASCII'],
    ['sip:ana@example.org:0', 'port'],
    ['sip:ana@example.org:70000', 'port'],
    ['sip:ana@@example.org', 'label "@example"'],
  ])('rejects %s (%s)', (text, reason) => {
    expect(sipAddressProblem(text)).toContain(reason);
  });

  it('requires a SIP domain of the deployment when the domains are given', () => {
    expect(sipAddressProblem('sip:ana@example.org', ['example.org'])).toBeNull();
    expect(sipAddressProblem('sip:ana@EXAMPLE.org', ['example.org'])).toBeNull();
    expect(sipAddressProblem('sip:ana@other.org', ['example.org'])).toContain(
      'not a SIP domain of this deployment',
    );
    expect(sipAddressProblem('sip:ana@sub.example.org', ['example.org'])).toContain('not a SIP domain');
  });

  it('fails with InvalidValue on the named parameter and returns the stored form', () => {
    expect(assertSipAddress('SIP:PCE@Example.org', 'SipAddress', ['example.org'])).toBe(
      'sip:pce@example.org',
    );
    const error = (() => {
      try {
        assertSipAddress('pce@example.org', 'SipAddress');
      } catch (e) {
        return e as CmdletError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(CmdletError);
    expect(error).toMatchObject({errorId: 'InvalidValue', parameter: 'SipAddress'});
  });
});

describe('SIP URI parsing', () => {
  it('reads ports, parameters and headers', () => {
    const parsed = parseSipUri('sips:Alice@Atlanta.COM:5061;Transport=TCP;lr?subject=project');
    expect(parsed).toEqual({
      ok: true,
      value: {
        scheme: 'sips',
        user: 'Alice',
        password: null,
        host: 'atlanta.com',
        port: 5061,
        params: [
          ['transport', 'TCP'],
          ['lr', null],
        ],
        headers: ['subject=project'],
      },
    });
  });

  it.each(['sip:alice@[2001:db8::10]:5070', 'sip:alice@192.0.2.4', 'sip:atlanta.com;method=REGISTER'])(
    'parses %s',
    (text) => {
      expect(parseSipUri(text).ok).toBe(true);
    },
  );

  it.each(['http://example.org', 'sip:alice@256.1.1.1', 'sip:alice@host:port', 'sip:alice@host;=x'])(
    'refuses %s',
    (text) => {
      expect(parseSipUri(text).ok).toBe(false);
    },
  );
});

describe('RFC 3261 §19.1.4 URI comparison', () => {
  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;newparam=5'],
    [
      'sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com',
      'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com',
    ],
    ['SIP:alice@example.org', 'sip:alice@EXAMPLE.org'],
  ])('%s equals %s', (a, b) => {
    expect(sipUriEquals(a, b)).toBe(true);
    expect(sipUriEquals(b, a)).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp;user=phone'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:alice@example.org', 'sips:alice@example.org'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;security=off'],
  ])('%s differs from %s', (a, b) => {
    expect(sipUriEquals(a, b)).toBe(false);
  });

  it('uses a directory key that is case-insensitive and at least as strict as RFC equality', () => {
    expect(sipAddressKey('sip:Alice@Example.org')).toBe(sipAddressKey('sip:alice@example.org'));
    expect(sipAddressKey('sip:%61lice@example.org')).toBe('sip:alice@example.org');
    expect(sipAddressKey('sip:a%40b@example.org')).toBe('sip:a%40b@example.org');
    expect(sipAddressKey('sips:alice@example.org')).not.toBe(sipAddressKey('sip:alice@example.org'));
  });
});

describe('host names', () => {
  it.each([
    'pc1.dc1.example.org',
    'PC1.DC1.Example.ORG',
    'a.b',
    '1chat.example.org',
    'xn--bcher-kva.example',
    'pc1.dc1.example.org.',
  ])('accepts %s', (text) => {
    expect(hostNameProblem(text)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['localhost', 'two labels'],
    ['pc1..example.org', 'empty label'],
    ['-pc1.example.org', 'inner hyphens'],
    ['pc1-.example.org', 'inner hyphens'],
    ['pc_1.example.org', 'inner hyphens'],
    ['pc1.example.123', 'start with a letter'],
    ['10.0.0.1', 'start with a letter'],
    [`${'a'.repeat(64)}.example.org`, '63'],
    [`${'a.'.repeat(127)}org`, '253'],
    ['pc1.exämple.org', 'ASCII'],
    ['pc1 .example.org', 'ASCII'],
  ])('rejects "%s" (%s)', (text, reason) => {
    expect(hostNameProblem(text)).toContain(reason);
  });

  it('allows a single label when a dot is not required', () => {
    expect(hostNameProblem('atl-dc-001', false)).toBeNull();
  });

  it('returns the canonical FQDN or fails with InvalidValue naming the parameter', () => {
    expect(assertFqdn('PC1.dc1.example.org.', 'PersistentChatPoolFqdn')).toBe('pc1.dc1.example.org');
    expect(() => assertFqdn('pc1', 'PersistentChatPoolFqdn')).toThrow(
      expect.objectContaining({errorId: 'InvalidValue', parameter: 'PersistentChatPoolFqdn'}),
    );
  });
});

describe('SIP address properties', () => {
  const userPart = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);

  it('accepts every generated address of record', () => {
    fc.assert(
      fc.property(userPart, fc.domain(), (user, domain) => {
        expect(sipAddressProblem(`sip:${user}@${domain}`)).toBeNull();
      }),
      {numRuns: 500},
    );
  });

  it('rejects a generated address with a space, control character or second "@" inserted in the user part', () => {
    fc.assert(
      fc.property(
        userPart,
        fc.domain(),
        fc.constantFrom(' ', '\u0000', '\r', '\u009b', '@', '<', '"'),
        fc.nat(),
        (user, domain, bad, at) => {
          const i = at % (user.length + 1);
          expect(sipAddressProblem(`sip:${user.slice(0, i)}${bad}${user.slice(i)}@${domain}`)).not.toBeNull();
        },
      ),
      {numRuns: 500},
    );
  });

  it('gives addresses that differ only in letter case the same key', () => {
    fc.assert(
      fc.property(userPart, fc.domain(), (user, domain) => {
        expect(sipAddressKey(`SIP:${user.toUpperCase()}@${domain.toUpperCase()}`)).toBe(
          sipAddressKey(`sip:${user}@${domain}`),
        );
      }),
      {numRuns: 200},
    );
  });
});

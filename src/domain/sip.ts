// SIP URIs and host names, checked against the grammars that define them: RFC 3261 §19.1 and
// §25.1 for SIP URIs, RFC 1035 / RFC 1123 for host names. Directory objects only ever carry an
// address of record (`sip:user@host`), so that is the strict check; the general parser exists
// for comparisons (§19.1.4) and for clear messages about what is wrong.

import {CmdletError} from './errors.js';
import {memoizeText} from './text-memo.js';

export interface SipUri {
  /** Lower-cased. */
  readonly scheme: 'sip' | 'sips';
  /** As written, `%HH` escapes kept; null when the URI has no user part. */
  readonly user: string | null;
  readonly password: string | null;
  /** Lower-cased; a trailing dot is dropped. */
  readonly host: string;
  readonly port: number | null;
  /** `;name=value` parameters, names lower-cased, in the order written. */
  readonly params: readonly (readonly [string, string | null])[];
  /** `?name=value` headers as written. */
  readonly headers: readonly string[];
}

export type Parsed<T> =
  {readonly ok: true; readonly value: T} | {readonly ok: false; readonly reason: string};

const fail = <T>(reason: string): Parsed<T> => ({ok: false, reason});

const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;
const USER_CHAR = /[A-Za-z0-9\-_.!~*'()&=+$,;?/]/;
const PASSWORD_CHAR = /[A-Za-z0-9\-_.!~*'()&=+$,]/;
const PARAM_CHAR = /[A-Za-z0-9\-_.!~*'()[\]/:&+$]/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** Why `text` is not a host name (null when it is one). `requireDot` asks for a fully qualified name. */
export function hostNameProblem(text: string, requireDot = true): string | null {
  if (text.length === 0) return 'the host name is empty';
  // Raw Unicode can hide look-alike characters; internationalised names travel as A-labels (xn--).
  if (/[^\x21-\x7e]/.test(text))
    return 'the host name may contain only ASCII letters, digits, hyphens and dots';
  const name = text.endsWith('.') ? text.slice(0, -1) : text;
  if (name.length > 253) return 'the host name is longer than 253 characters';
  const labels = name.split('.');
  if (requireDot && labels.length < 2) return 'a fully qualified domain name needs at least two labels';
  for (const label of labels) {
    if (label.length === 0) return 'the host name has an empty label';
    if (label.length > 63) return `the label "${label.slice(0, 20)}..." is longer than 63 characters`;
    if (!LABEL.test(label)) return `the label "${label}" may contain only letters, digits and inner hyphens`;
  }
  const top = labels[labels.length - 1] ?? '';
  if (!/^[A-Za-z]/.test(top)) return 'the last label must start with a letter';
  return null;
}

/** A host name in the canonical form used for storage and comparison: lower case, no trailing dot. */
export const normalizeHostName = (text: string): string =>
  (text.endsWith('.') ? text.slice(0, -1) : text).toLowerCase();

/** Throws InvalidValue naming the parameter when `text` is not a fully qualified domain name. */
export function assertFqdn(text: string, parameter: string): string {
  const problem = hostNameProblem(text);
  if (problem)
    throw new CmdletError('InvalidValue', `"${text}" is not a valid FQDN: ${problem}.`, {
      parameter,
      target: text,
    });
  return normalizeHostName(text);
}

function checkEscapes(text: string, allowed: RegExp, what: string): string | null {
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch === '%') {
      if (!/^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3)))
        return `the ${what} has a "%" that is not followed by two hex digits`;
      i += 2;
    } else if (!allowed.test(ch)) {
      return `the ${what} may not contain "${ch === ' ' ? 'a space' : escapeForMessage(ch)}"`;
    }
  }
  return null;
}

const escapeForMessage = (ch: string): string => {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, '0')}` : ch;
};

function parseHostPort(text: string): Parsed<{host: string; port: number | null}> {
  let host: string;
  let rest: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return fail('an IPv6 reference opened with "[" is not closed with "]"');
    host = text.slice(0, close + 1);
    rest = text.slice(close + 1);
    if (!IPV6.test(host.slice(1, -1)) || !host.includes(':'))
      return fail(`"${host}" is not an IPv6 reference`);
  } else {
    const colon = text.indexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    rest = colon < 0 ? '' : text.slice(colon);
    if (!IPV4.test(host)) {
      const problem = hostNameProblem(host, false);
      if (problem) return fail(problem);
    }
  }
  if (rest === '') return {ok: true, value: {host: normalizeHostName(host), port: null}};
  const port = rest.slice(1);
  if (!rest.startsWith(':') || !/^\d{1,5}$/.test(port)) return fail(`"${rest}" is not a port`);
  const value = Number(port);
  if (value < 1 || value > 65535) return fail(`the port ${value} is outside 1-65535`);
  return {ok: true, value: {host: normalizeHostName(host), port: value}};
}

function parseParams(text: string): Parsed<(readonly [string, string | null])[]> {
  const params: (readonly [string, string | null])[] = [];
  for (const part of text.split(';').slice(1)) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? null : part.slice(eq + 1);
    if (
      name === '' ||
      checkEscapes(name, PARAM_CHAR, 'parameter') ||
      (value !== null && checkEscapes(value, PARAM_CHAR, 'parameter'))
    )
      return fail(`";${part}" is not a URI parameter`);
    params.push([name.toLowerCase(), value]);
  }
  return {ok: true, value: params};
}

/** Parses a SIP or SIPS URI (RFC 3261 §19.1). */
export function parseSipUri(text: string): Parsed<SipUri> {
  const colon = text.indexOf(':');
  const scheme = colon < 0 ? '' : text.slice(0, colon).toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips') return fail('a SIP address starts with "sip:"');
  let rest = text.slice(colon + 1);
  let user: string | null = null;
  let password: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
    const pw = userinfo.indexOf(':');
    user = pw < 0 ? userinfo : userinfo.slice(0, pw);
    password = pw < 0 ? null : userinfo.slice(pw + 1);
    if (user === '') return fail('the user part before "@" is empty');
    const problem =
      checkEscapes(user, USER_CHAR, 'user part') ??
      (password === null ? null : checkEscapes(password, PASSWORD_CHAR, 'password'));
    if (problem) return fail(problem);
  }
  const q = rest.indexOf('?');
  const headers = q < 0 ? [] : rest.slice(q + 1).split('&');
  if (q >= 0) rest = rest.slice(0, q);
  const semi = rest.indexOf(';');
  const hostport = parseHostPort(semi < 0 ? rest : rest.slice(0, semi));
  if (!hostport.ok) return hostport;
  const params = parseParams(semi < 0 ? '' : rest.slice(semi));
  if (!params.ok) return params;
  return {ok: true, value: {scheme, user, password, ...hostport.value, params: params.value, headers}};
}

/** Why `text` is not a SIP address of record a directory object may carry; null when it is one. */
export function sipAddressProblem(text: string, sipDomains?: readonly string[]): string | null {
  if (!/^sip:/i.test(text))
    return /^sips:/i.test(text)
      ? 'a directory SIP address uses "sip:", not "sips:"'
      : 'a SIP address starts with "sip:"';
  const parsed = parseSipUri(text);
  if (!parsed.ok) return parsed.reason;
  const uri = parsed.value;
  if (uri.user === null) return 'a SIP address needs a user part, as in sip:name@example.org';
  if (uri.password !== null) return 'a SIP address may not carry a password';
  if (uri.port !== null || uri.params.length > 0 || uri.headers.length > 0)
    return 'a SIP address may not carry a port, parameters or headers';
  const problem = hostNameProblem(uri.host);
  if (problem) return `the domain is not a fully qualified domain name: ${problem}`;
  if (sipDomains && !sipDomains.some((d) => normalizeHostName(d) === uri.host))
    return `"${uri.host}" is not a SIP domain of this deployment (${sipDomains.join(', ') || 'none defined'})`;
  return null;
}

/** Throws InvalidValue naming the parameter; returns the address as it is stored (its key). */
export function assertSipAddress(text: string, parameter: string, sipDomains?: readonly string[]): string {
  const problem = sipAddressProblem(text, sipDomains);
  if (problem)
    throw new CmdletError('InvalidValue', `"${text}" is not a valid SIP address: ${problem}.`, {
      parameter,
      target: text,
    });
  return sipAddressKey(text);
}

/** `%HH` of an unreserved character means the character itself (§19.1.4). */
const decodeUnreserved = (text: string): string =>
  text.replace(/%([0-9A-Fa-f]{2})/g, (all, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : all.toUpperCase();
  });

// Spec note: the directory treats SIP addresses as case-insensitive (Lync stores them that way, and
// the rooms spec stores them lower-cased), so uniqueness uses this key, which is stricter than
// RFC 3261 equality: two addresses equal under §19.1.4 always share a key, not the other way round.
/** The key (and stored form) that decides whether two directory SIP addresses are the same object's. */
export const sipAddressKey = memoizeText((text: string): string => {
  const parsed = parseSipUri(text);
  if (!parsed.ok || parsed.value.user === null) return text.toLowerCase();
  return `${parsed.value.scheme}:${decodeUnreserved(parsed.value.user).toLowerCase()}@${parsed.value.host}`;
});

const MUST_MATCH_PARAMS = ['user', 'ttl', 'method', 'maddr'];

/** RFC 3261 §19.1.4 URI equality. */
export function sipUriEquals(a: string, b: string): boolean {
  const pa = parseSipUri(a);
  const pb = parseSipUri(b);
  if (!pa.ok || !pb.ok) return false;
  const x = pa.value;
  const y = pb.value;
  if (x.scheme !== y.scheme || x.host !== y.host || x.port !== y.port) return false;
  const dec = (s: string | null): string | null => (s === null ? null : decodeUnreserved(s));
  if (dec(x.user) !== dec(y.user) || dec(x.password) !== dec(y.password)) return false;
  const px = new Map(x.params.map(([k, v]) => [k, v?.toLowerCase() ?? null]));
  const py = new Map(y.params.map(([k, v]) => [k, v?.toLowerCase() ?? null]));
  for (const name of new Set([...px.keys(), ...py.keys()])) {
    const both = px.has(name) && py.has(name);
    if (both && px.get(name) !== py.get(name)) return false;
    if (!both && MUST_MATCH_PARAMS.includes(name)) return false;
  }
  const hx = [...x.headers].map(decodeUnreserved).sort();
  const hy = [...y.headers].map(decodeUnreserved).sort();
  return hx.length === hy.length && hx.every((h, i) => h === hy[i]);
}

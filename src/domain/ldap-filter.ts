// A small LDAP search filter language (RFC 4515, with the empty and/or of RFC 4526) for
// -LdapFilter: `(&(l=Springfield)(department=IT))`, `(|...)`, `(!...)`, presence `(title=*)`,
// substrings `(displayName=* Smith)`, `>=`, `<=`, `~=`, and the bare `attr=value` form that the
// cmdlet reference's own examples use. Values compare case-insensitively, as Active Directory
// does for its string attributes.

import {CmdletError} from './errors.js';

export type LdapFilter =
  | {readonly kind: 'and' | 'or'; readonly filters: readonly LdapFilter[]}
  | {readonly kind: 'not'; readonly filter: LdapFilter}
  | {readonly kind: 'present'; readonly attribute: string}
  | {
      readonly kind: 'equal' | 'greaterOrEqual' | 'lessOrEqual' | 'approx';
      readonly attribute: string;
      readonly value: string;
    }
  | {readonly kind: 'substring'; readonly attribute: string; readonly parts: readonly string[]};

/** Attribute values of one object; names are looked up case-insensitively by the caller. */
export type AttributeReader = (attribute: string) => readonly string[];

const ATTRIBUTE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)(?:;[A-Za-z0-9-]+)*$/;

class Parser {
  private pos = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  parse(): LdapFilter {
    this.skipSpaces();
    const filter = this.filter();
    this.skipSpaces();
    if (this.pos < this.text.length)
      this.fail(`unexpected "${this.text.charAt(this.pos)}" after the end of the filter`);
    return filter;
  }

  private filter(): LdapFilter {
    this.expect('(');
    this.skipSpaces();
    const ch = this.text.charAt(this.pos);
    let filter: LdapFilter;
    if (ch === '&' || ch === '|') {
      this.pos += 1;
      filter = {kind: ch === '&' ? 'and' : 'or', filters: this.list()};
    } else if (ch === '!') {
      this.pos += 1;
      this.skipSpaces();
      filter = {kind: 'not', filter: this.filter()};
      this.skipSpaces();
    } else {
      filter = this.item();
    }
    this.expect(')');
    return filter;
  }

  private list(): LdapFilter[] {
    const filters: LdapFilter[] = [];
    this.skipSpaces();
    while (this.text.charAt(this.pos) === '(') {
      filters.push(this.filter());
      this.skipSpaces();
    }
    return filters;
  }

  private item(): LdapFilter {
    const end = this.itemEnd();
    const body = this.text.slice(this.pos, end);
    this.pos = end;
    const match = /^([^=<>~]*)(=|>=|<=|~=)(.*)$/s.exec(body);
    if (!match) this.fail(`"${body}" is not an attribute comparison such as department=IT`);
    const [, rawAttribute = '', op, raw = ''] = match;
    const attribute = rawAttribute.trim();
    if (!ATTRIBUTE.test(attribute)) this.fail(`"${attribute}" is not an attribute name`);
    if (op === '=' && raw === '*') return {kind: 'present', attribute};
    if (op === '=' && raw.includes('*'))
      return {kind: 'substring', attribute, parts: raw.split('*').map((p) => this.value(p))};
    if (raw.includes('*')) this.fail(`"*" can only be used with "=" (write \\2a for a literal asterisk)`);
    const value = this.value(raw);
    const kind =
      op === '>=' ? 'greaterOrEqual' : op === '<=' ? 'lessOrEqual' : op === '~=' ? 'approx' : 'equal';
    return {kind, attribute, value};
  }

  /** Where the current item ends: the first unescaped parenthesis. */
  private itemEnd(): number {
    for (let i = this.pos; i < this.text.length; i += 1) {
      const ch = this.text.charAt(i);
      if (ch === ')') return i;
      if (ch === '(') this.fail('a "(" inside a value must be written as \\28');
    }
    return this.fail('the filter is missing a closing ")"');
  }

  private value(raw: string): string {
    return raw.replace(/\\(.{0,2})/gs, (_all, hex: string) => {
      if (!/^[0-9A-Fa-f]{2}$/.test(hex))
        this.fail('a "\\" in a value must be followed by two hex digits, as in \\2a');
      return String.fromCharCode(parseInt(hex, 16));
    });
  }

  private expect(ch: string): void {
    if (this.text.charAt(this.pos) !== ch)
      this.fail(
        this.pos >= this.text.length
          ? `the filter ends where "${ch}" was expected`
          : `"${ch}" expected at position ${this.pos + 1}`,
      );
    this.pos += 1;
  }

  private skipSpaces(): void {
    while (this.text.charAt(this.pos) === ' ') this.pos += 1;
  }

  private fail(reason: string): never {
    throw new CmdletError('InvalidValue', `The LDAP filter "${this.text}" is not valid: ${reason}.`, {
      parameter: 'LdapFilter',
      target: this.text,
    });
  }
}

/** Parses a filter; throws InvalidValue (parameter LdapFilter) when it is malformed. */
export function parseLdapFilter(text: string): LdapFilter {
  const trimmed = text.trim();
  if (trimmed === '')
    throw new CmdletError('InvalidValue', 'The LDAP filter is empty.', {parameter: 'LdapFilter'});
  // The cmdlet reference writes simple filters without parentheses ("l=Redmond").
  return new Parser(trimmed.startsWith('(') ? trimmed : `(${trimmed})`).parse();
}

const fold = (s: string): string => s.toLowerCase();

function compareOrdered(actual: string, wanted: string): number {
  const a = Number(actual);
  const b = Number(wanted);
  if (actual.trim() !== '' && wanted.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) return a - b;
  return fold(actual) < fold(wanted) ? -1 : fold(actual) > fold(wanted) ? 1 : 0;
}

function matchSubstring(value: string, parts: readonly string[]): boolean {
  const text = fold(value);
  const [first = '', ...others] = parts.map(fold);
  const last = others.pop() ?? '';
  if (!text.startsWith(first)) return false;
  let at = first.length;
  for (const part of others) {
    const found = text.indexOf(part, at);
    if (found < 0) return false;
    at = found + part.length;
  }
  return text.length - last.length >= at && text.endsWith(last);
}

/** Evaluates a parsed filter against one object's attributes. */
export function matchLdapFilter(filter: LdapFilter, read: AttributeReader): boolean {
  switch (filter.kind) {
    case 'and':
      return filter.filters.every((f) => matchLdapFilter(f, read));
    case 'or':
      return filter.filters.some((f) => matchLdapFilter(f, read));
    case 'not':
      return !matchLdapFilter(filter.filter, read);
    case 'present':
      return read(filter.attribute).length > 0;
    case 'equal':
      return read(filter.attribute).some((v) => fold(v) === fold(filter.value));
    case 'approx':
      return read(filter.attribute).some(
        (v) => fold(v).replace(/\s+/g, '') === fold(filter.value).replace(/\s+/g, ''),
      );
    case 'greaterOrEqual':
      return read(filter.attribute).some((v) => compareOrdered(v, filter.value) >= 0);
    case 'lessOrEqual':
      return read(filter.attribute).some((v) => compareOrdered(v, filter.value) <= 0);
    case 'substring':
      return read(filter.attribute).some((v) => matchSubstring(v, filter.parts));
  }
}

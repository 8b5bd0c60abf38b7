import {describe, expect, it} from 'vitest';
import {matchLdapFilter, parseLdapFilter, type AttributeReader} from '../../src/domain/ldap-filter.js';

const objectWith =
  (attributes: Record<string, string | string[]>): AttributeReader =>
  (name) => {
    const key = Object.keys(attributes).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : attributes[key];
    return value === undefined ? [] : typeof value === 'string' ? [value] : value;
  };

const jordan = objectWith({
  displayName: 'Jordan Lee',
  department: 'IT',
  l: 'Springfield',
  title: 'Engineer (Level 2)',
  employeeNumber: '120',
  objectClass: ['top', 'person', 'organizationalPerson', 'user'],
});

const matches = (filter: string): boolean => matchLdapFilter(parseLdapFilter(filter), jordan);

describe('parseLdapFilter', () => {
  it('reads the bare form of the cmdlet reference', () => {
    expect(parseLdapFilter('l=Springfield')).toEqual({kind: 'equal', attribute: 'l', value: 'Springfield'});
  });

  it('reads nested and/or/not filters', () => {
    expect(parseLdapFilter('(&(l=Springfield)(|(department=IT)(!(title=*))))')).toEqual({
      kind: 'and',
      filters: [
        {kind: 'equal', attribute: 'l', value: 'Springfield'},
        {
          kind: 'or',
          filters: [
            {kind: 'equal', attribute: 'department', value: 'IT'},
            {kind: 'not', filter: {kind: 'present', attribute: 'title'}},
          ],
        },
      ],
    });
  });

  it('reads substrings, escapes and comparison operators', () => {
    expect(parseLdapFilter('(displayName=J*n L*)')).toEqual({
      kind: 'substring',
      attribute: 'displayName',
      parts: ['J', 'n L', ''],
    });
    expect(parseLdapFilter('(title=Engineer \\28Level 2\\29)')).toEqual({
      kind: 'equal',
      attribute: 'title',
      value: 'Engineer (Level 2)',
    });
    expect(parseLdapFilter('(employeeNumber>=100)')).toMatchObject({kind: 'greaterOrEqual', value: '100'});
    expect(parseLdapFilter('(employeeNumber<=100)')).toMatchObject({kind: 'lessOrEqual'});
    expect(parseLdapFilter('(displayName~=jordanlee)')).toMatchObject({kind: 'approx'});
    expect(parseLdapFilter('(msRTCSIP-PrimaryUserAddress=sip:a@b.org)')).toMatchObject({
      attribute: 'msRTCSIP-PrimaryUserAddress',
    });
  });

  it.each([
    [''],
    ['   '],
    ['('],
    ['(l=Springfield'],
    ['l=Springfield)'],
    ['(l=Springfield))'],
    ['((l=Springfield))'],
    ['(=Springfield)'],
    ['(l Springfield)'],
    ['(1l=Springfield)'],
    ['(l=Spring(field)'],
    ['(&(l=Springfield)x)'],
    ['(!)'],
    ['(!(a=b)(c=d))'],
    ['(l=\\zz)'],
    ['(l=abc\\)'],
    ['(employeeNumber>=1*)'],
    ['(&(l=a)(department=IT)'],
    ['department=IT)(l=a'],
  ])('refuses the malformed filter %j with InvalidValue', (filter) => {
    expect(() => parseLdapFilter(filter)).toThrow(
      expect.objectContaining({errorId: 'InvalidValue', parameter: 'LdapFilter'}),
    );
  });
});

describe('matchLdapFilter', () => {
  it.each([
    ['l=Springfield', true],
    ['l=springfield', true],
    ['L=SPRINGFIELD', true],
    ['l=Shelbyville', false],
    ['(&(l=Springfield)(department=IT))', true],
    ['(&(l=Springfield)(department=Sales))', false],
    ['(|(l=Shelbyville)(department=IT))', true],
    ['(|(l=Shelbyville)(department=Sales))', false],
    ['(!(department=Sales))', true],
    ['(!(department=IT))', false],
    ['(title=*)', true],
    ['(manager=*)', false],
    ['(!(manager=*))', true],
    ['(displayName=* Lee)', true],
    ['(displayName=Jordan*)', true],
    ['(displayName=*rda*)', true],
    ['(displayName=J*n L*e)', true],
    ['(displayName=*Smith)', false],
    ['(displayName=Jo*Jo*)', false],
    ['(title=Engineer \\28Level 2\\29)', true],
    ['(objectClass=user)', true],
    ['(objectClass=group)', false],
    ['(employeeNumber>=100)', true],
    ['(employeeNumber>=1000)', false],
    ['(employeeNumber<=99)', false],
    ['(displayName~=jordanlee)', true],
    ['(&)', true],
    ['(|)', false],
    ['( & (l=Springfield) (department=IT) )', true],
  ])('%s → %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('does not let a substring match overlap its own parts', () => {
    const ab = objectWith({cn: 'ab'});
    expect(matchLdapFilter(parseLdapFilter('cn=ab*b'), ab)).toBe(false);
    expect(matchLdapFilter(parseLdapFilter('cn=a*b'), ab)).toBe(true);
  });
});

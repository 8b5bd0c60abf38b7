import {describe, expect, it} from 'vitest';
import {
  complianceWarnings,
  effectiveCompliance,
  getComplianceConfigurations,
  newComplianceConfiguration,
  removeComplianceConfiguration,
  setComplianceConfiguration,
  type ComplianceValues,
} from '../../src/domain/compliance.js';
import {CmdletError} from '../../src/domain/errors.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';

const errorOf = (fn: () => unknown): CmdletError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof CmdletError) return error;
    throw error;
  }
  throw new Error('expected a CmdletError');
};

const demo = stateFrom(demoDeployment());

describe('newComplianceConfiguration', () => {
  it('creates Site:DC1 with user and room details and the defaults for the rest', () => {
    const {output} = newComplianceConfiguration(demo, {
      identity: 'site:DC1',
      values: {addUserDetails: true, addChatRoomDetails: true},
      rev: 4,
    });
    expect(output).toEqual({
      identity: 'Site:DC1',
      adapterType: 'XML',
      adapterName: null,
      adapterOutputDirectory: null,
      oneChatRoomPerOutputFile: false,
      addChatRoomDetails: true,
      addUserDetails: true,
      createFileAttachmentsManifest: false,
      customConfiguration: null,
      runIntervalSeconds: 900,
      rev: 4,
    });
  });

  it.each<[string, ComplianceValues, string, string]>([
    ['a run interval under a minute', {runIntervalSeconds: 59}, 'OutOfRange', 'RunInterval'],
    ['a run interval over thirty days', {runIntervalSeconds: 30 * 86400 + 1}, 'OutOfRange', 'RunInterval'],
    ['a run interval that is not a number', {runIntervalSeconds: NaN}, 'InvalidValue', 'RunInterval'],
    ['an adapter type that is not a type name', {adapterType: 'my adapter'}, 'InvalidValue', 'AdapterType'],
    [
      'an output folder with a control character',
      {adapterOutputDirectory: 'C:\\Out\u0007'},
      'InvalidValue',
      'AdapterOutputDirectory',
    ],
  ])('refuses %s', (_what, values, errorId, parameter) => {
    const error = errorOf(() => newComplianceConfiguration(demo, {identity: 'site:DC1', values, rev: 1}));
    expect([error.errorId, error.parameter]).toEqual([errorId, parameter]);
  });

  it.each<[ComplianceValues, Partial<ComplianceValues>]>([
    [{runIntervalSeconds: 60}, {runIntervalSeconds: 60}],
    [{runIntervalSeconds: 30 * 86400}, {runIntervalSeconds: 2592000}],
    [{adapterType: 'xml'}, {adapterType: 'XML'}],
    [{adapterType: null}, {adapterType: null}],
    [
      {adapterType: 'Contoso.Compliance.Adapter,Contoso.Compliance'},
      {adapterType: 'Contoso.Compliance.Adapter,Contoso.Compliance'},
    ],
    [
      {adapterType: 'Microsoft.Rtc.Internal.Chat.Server.Compliance.XmlAdapter,compliance'},
      {adapterType: 'Microsoft.Rtc.Internal.Chat.Server.Compliance.XmlAdapter,compliance'},
    ],
    [
      {customConfiguration: '<xsl:stylesheet>\n</xsl:stylesheet>'},
      {customConfiguration: '<xsl:stylesheet>\n</xsl:stylesheet>'},
    ],
  ])('accepts %j', (values, expected) => {
    expect(newComplianceConfiguration(demo, {identity: 'site:DC1', values, rev: 1}).output).toMatchObject(
      expected,
    );
  });

  it.each([
    ['global', 'GlobalNotCreatable'],
    ['tag:x', 'InvalidScope'],
    ['site:Nowhere', 'SiteNotFound'],
  ])('refuses the identity %j with %s', (identity, errorId) => {
    expect(errorOf(() => newComplianceConfiguration(demo, {identity, values: {}, rev: 1})).errorId).toBe(
      errorId,
    );
  });
});

describe('compliance Get, Set and Remove', () => {
  const site = newComplianceConfiguration(demo, {
    identity: 'site:DC1',
    values: {oneChatRoomPerOutputFile: true},
    rev: 1,
  }).state;

  it('filters with a wildcard and finds by identity', () => {
    expect(getComplianceConfigurations(site, {filter: 'site:*'}).map((c) => c.identity)).toEqual([
      'Site:DC1',
    ]);
    expect(getComplianceConfigurations(site, {identity: 'SITE:dc1'})[0]?.oneChatRoomPerOutputFile).toBe(true);
    expect(errorOf(() => getComplianceConfigurations(site, {identity: 'site:DC2'})).errorId).toBe(
      'ConfigurationNotFound',
    );
  });

  it('changes the Global run interval', () => {
    const {output} = setComplianceConfiguration(site, {
      identity: 'global',
      values: {runIntervalSeconds: 600},
      rev: 2,
    });
    expect(output).toMatchObject({identity: 'Global', runIntervalSeconds: 600, rev: 2});
  });

  it('resets Global on Remove and deletes a site collection', () => {
    const changed = setComplianceConfiguration(site, {
      values: {adapterType: null, addUserDetails: true},
      rev: 2,
    }).state;
    const reset = removeComplianceConfiguration(changed, {identity: 'global', rev: 3}).state;
    expect(reset.compliance[0]).toMatchObject({
      identity: 'Global',
      adapterType: 'XML',
      addUserDetails: false,
      runIntervalSeconds: 900,
      rev: 3,
    });
    expect(
      removeComplianceConfiguration(reset, {identity: 'site:DC1', rev: 4}).state.compliance.map(
        (c) => c.identity,
      ),
    ).toEqual(['Global']);
  });

  it('prefers the site collection for a pool of the site', () => {
    expect(effectiveCompliance(site, 'pc1.dc1.example.org').identity).toBe('Site:DC1');
    expect(effectiveCompliance(site, 'pc2.dc2.example.org').identity).toBe('Global');
  });
});

describe('complianceWarnings', () => {
  it('warns when two collections with different adapters share an output folder', () => {
    const first = newComplianceConfiguration(demo, {
      identity: 'site:DC1',
      values: {adapterOutputDirectory: 'D:\\Compliance\\'},
      rev: 1,
    });
    const second = newComplianceConfiguration(first.state, {
      identity: 'site:DC2',
      values: {adapterOutputDirectory: 'd:\\compliance', adapterType: 'Contoso.Adapter,Contoso'},
      rev: 2,
    });
    expect(complianceWarnings(second.state, second.output).map((w) => w.warningId)).toContain(
      'SharedOutputDirectory',
    );
    expect(complianceWarnings(first.state, first.output).map((w) => w.warningId)).not.toContain(
      'SharedOutputDirectory',
    );
  });

  it('warns when the pools it covers have compliance disabled in the topology', () => {
    const pc2 = newComplianceConfiguration(demo, {
      identity: 'service:pc2.dc2.example.org',
      values: {},
      rev: 1,
    });
    expect(complianceWarnings(pc2.state, pc2.output).map((w) => w.warningId)).toEqual(['ComplianceDisabled']);
    const pc1 = newComplianceConfiguration(demo, {
      identity: 'service:pc1.dc1.example.org',
      values: {},
      rev: 1,
    });
    expect(complianceWarnings(pc1.state, pc1.output)).toEqual([]);
  });
});

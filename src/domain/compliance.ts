// PersistentChatComplianceConfiguration (topology spec 4): how the compliance adapter turns the
// archived room activity into output files, per scope.

import {CmdletError, type Warning} from './errors.js';
import {assertTextField, type TextFieldKind} from './text-fields.js';
import {parseXdsIdentity} from './identity.js';
import {
  effectiveSettings,
  getSettings,
  newSettings,
  removeSettings,
  setSettings,
  type SettingsCollection,
  poolsGovernedBy,
} from './settings-collection.js';
import {findPool} from './topology.js';
import type {ChatState, ComplianceConfiguration} from './types.js';

export const RUN_INTERVAL_RANGE = {min: 60, max: 30 * 86_400} as const;

// Spec note (topology spec 4): the global default is the built-in XML adapter ("XML") and the
// run interval 15 minutes; New-* starts from the same documented defaults, not a copy of Global.
export const COMPLIANCE_DEFAULTS = {
  adapterType: 'XML',
  adapterName: null,
  adapterOutputDirectory: null,
  oneChatRoomPerOutputFile: false,
  addChatRoomDetails: false,
  addUserDetails: false,
  createFileAttachmentsManifest: false,
  customConfiguration: null,
  runIntervalSeconds: 15 * 60,
} as const;

export type ComplianceValues = Partial<Omit<ComplianceConfiguration, 'identity' | 'rev'>>;

export const complianceCollections: SettingsCollection<ComplianceConfiguration> = {
  noun: 'Persistent Chat compliance configuration',
  select: (state) => state.compliance,
  replace: (state, items) => ({...state, compliance: items}),
  defaults: (identity) => ({identity, ...COMPLIANCE_DEFAULTS, rev: 0}),
};

export const globalCompliance = (): ComplianceConfiguration => complianceCollections.defaults('Global');

// `Namespace.Type,Assembly` with optional `, Version=..., Culture=..., PublicKeyToken=...`.
const ADAPTER_TYPE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\s*,\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z]+=[\w.]+)*$/;
const MAX_XSLT = 1_000_000;

/** "XML" (any case) or a .NET type name `Namespace.Type,Assembly`; null switches output off. */
export const normaliseAdapterType = (value: string | null): string | null => {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed.toUpperCase() === 'XML') return 'XML';
  if (ADAPTER_TYPE.test(trimmed)) return trimmed;
  throw new CmdletError(
    'InvalidValue',
    `AdapterType must be XML or a type name like Namespace.Type,Assembly; "${value}" is not.`,
    {
      parameter: 'AdapterType',
    },
  );
};

const text = (value: string | null | undefined, parameter: string, kind: TextFieldKind, max = 4096): void => {
  if (value == null) return;
  assertTextField(value, parameter, kind);
  if (value.length > max)
    throw new CmdletError('InvalidValue', `${parameter} must be at most ${max} characters.`, {parameter});
};

export const validateComplianceValues = (values: ComplianceValues): ComplianceValues => {
  const s = values.runIntervalSeconds;
  if (s !== undefined && !Number.isFinite(s))
    throw new CmdletError('InvalidValue', 'RunInterval is not a TimeSpan.', {parameter: 'RunInterval'});
  if (s !== undefined && (s < RUN_INTERVAL_RANGE.min || s > RUN_INTERVAL_RANGE.max)) {
    throw new CmdletError('OutOfRange', 'RunInterval must be from 00:01:00 to 30.00:00:00.', {
      parameter: 'RunInterval',
    });
  }
  text(values.adapterName, 'AdapterName', 'line');
  text(values.adapterOutputDirectory, 'AdapterOutputDirectory', 'line');
  // An XSLT document: multi-line by nature.
  text(values.customConfiguration, 'CustomConfiguration', 'lines', MAX_XSLT);
  return values.adapterType === undefined
    ? values
    : {...values, adapterType: normaliseAdapterType(values.adapterType)};
};

/**
 * Warnings about a collection as it now is: another collection with a different adapter writes to
 * the same folder; or it targets pools whose topology has compliance switched off.
 */
export const complianceWarnings = (state: ChatState, item: ComplianceConfiguration): Warning[] => {
  const warnings: Warning[] = [];
  const dir = folderKey(item.adapterOutputDirectory);
  const clash = state.compliance.find(
    (other) =>
      other.identity.toLowerCase() !== item.identity.toLowerCase() &&
      dir !== null &&
      folderKey(other.adapterOutputDirectory) === dir &&
      (other.adapterType !== item.adapterType || other.adapterName !== item.adapterName),
  );
  if (clash) {
    warnings.push({
      warningId: 'SharedOutputDirectory',
      message: `${clash.identity} writes another adapter's output to the same folder ${item.adapterOutputDirectory ?? ''}; each adapter needs its own folder.`,
      target: item.identity,
    });
  }
  const pools = poolsOf(state, item.identity);
  if (pools.length > 0 && pools.every((p) => !p.compliance.enabled)) {
    warnings.push({
      warningId: 'ComplianceDisabled',
      message: `Compliance is not enabled in the topology for ${pools.map((p) => p.fqdn).join(', ')}; ${item.identity} has no effect there.`,
      target: item.identity,
    });
  }
  return warnings;
};

const folderKey = (dir: string | null): string | null =>
  dir === null || dir.trim() === ''
    ? null
    : dir
        .trim()
        .replace(/[\\/]+$/, '')
        .toLowerCase();

const poolsOf = (state: ChatState, identity: string) => {
  const parts = parseXdsIdentity(identity);
  if (parts.scope === 'service') return [findPool(state, parts.name ?? '')].filter((p) => p !== undefined);
  if (parts.scope === 'site')
    return state.topology.persistentChatPools.filter(
      (p) => p.site.toLowerCase() === (parts.name ?? '').toLowerCase(),
    );
  return [];
};

export const getComplianceConfigurations = (
  state: ChatState,
  query: {identity?: string | null; filter?: string | null},
) => getSettings(complianceCollections, state, query);

export const newComplianceConfiguration = (
  state: ChatState,
  input: {identity: string; values: ComplianceValues; rev: number; inMemory?: boolean},
): {state: ChatState; output: ComplianceConfiguration} =>
  newSettings(complianceCollections, state, {...input, values: validateComplianceValues(input.values)});

export const setComplianceConfiguration = (
  state: ChatState,
  input: {identity?: string | null; values: ComplianceValues; rev: number; fromInstance?: boolean},
): {state: ChatState; output: ComplianceConfiguration} =>
  setSettings(complianceCollections, state, {...input, values: validateComplianceValues(input.values)});

export const removeComplianceConfiguration = (state: ChatState, input: {identity: string; rev: number}) =>
  removeSettings(complianceCollections, state, input);

/** The compliance collection that governs a pool (service, else site, else Global). */
export const effectiveCompliance = (state: ChatState, poolFqdn: string): ComplianceConfiguration =>
  effectiveSettings(complianceCollections, state, poolFqdn);

/** The pools this stored compliance configuration governs. */
export const poolsUnderCompliance = (state: ChatState, identity: string) =>
  poolsGovernedBy(complianceCollections, state, identity);

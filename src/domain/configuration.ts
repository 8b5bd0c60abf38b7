// PersistentChatConfiguration (topology spec 3): chat history shown on joining a room, the
// largest file, the roster-update threshold and the custom room-management URL, per scope.

import {CmdletError} from './errors.js';
import {assertTextField} from './text-fields.js';
import {
  effectiveSettings,
  getSettings,
  newSettings,
  removeSettings,
  setSettings,
  type SettingsCollection,
  poolsGovernedBy,
} from './settings-collection.js';
import type {ChatState, PersistentChatConfiguration} from './types.js';

export const CONFIGURATION_DEFAULTS = {
  defaultChatHistory: 30,
  maxFileSizeKB: 20000,
  participantUpdateLimit: 75,
  roomManagementUrl: null,
} as const;

export const CHAT_HISTORY_RANGE = {min: 1, max: 500} as const;
export const UINT32_MAX = 4_294_967_295;

export type ConfigurationValues = Partial<Omit<PersistentChatConfiguration, 'identity' | 'rev'>>;

export const configurations: SettingsCollection<PersistentChatConfiguration> = {
  noun: 'Persistent Chat configuration',
  select: (state) => state.configurations,
  replace: (state, items) => ({...state, configurations: items}),
  defaults: (identity) => ({identity, ...CONFIGURATION_DEFAULTS, rev: 0}),
};

export const globalConfiguration = (): PersistentChatConfiguration => configurations.defaults('Global');

const uint32 = (value: number, parameter: string): void => {
  // Spec note: no documented bounds; a UInt32 that cannot hold the value is a conversion error.
  if (!Number.isInteger(value) || value < 0 || value > UINT32_MAX) {
    throw new CmdletError(
      'InvalidValue',
      `${parameter} must be a whole number from 0 to ${UINT32_MAX}; ${value} is not.`,
      {parameter},
    );
  }
};

const parseUrl = (url: string): URL | null => {
  // WHATWG URL parsing silently drops tabs and newlines; refuse them and other spaces instead.
  if (/\s/.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
};

/** An absolute http(s) URL, or null; an empty string means "none" (the built-in experience). */
// Spec note: an empty string clears the URL like $Null, since the docs say empty means built-in.
export const normaliseRoomManagementUrl = (url: string | null): string | null => {
  if (url === null || url.trim() === '') return null;
  assertTextField(url, 'RoomManagementUrl', 'url');
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw new CmdletError(
      'InvalidValue',
      `RoomManagementUrl must be an absolute http or https URL; "${url}" is not.`,
      {
        parameter: 'RoomManagementUrl',
      },
    );
  }
  return url;
};

/** Checks the values of New/Set and returns them normalised. */
export const validateConfigurationValues = (values: ConfigurationValues): ConfigurationValues => {
  const h = values.defaultChatHistory;
  if (h !== undefined && (!Number.isInteger(h) || h < CHAT_HISTORY_RANGE.min || h > CHAT_HISTORY_RANGE.max)) {
    throw new CmdletError('OutOfRange', `DefaultChatHistory must be from 1 to 500; ${h} is not.`, {
      parameter: 'DefaultChatHistory',
    });
  }
  if (values.maxFileSizeKB !== undefined) uint32(values.maxFileSizeKB, 'MaxFileSizeKB');
  if (values.participantUpdateLimit !== undefined)
    uint32(values.participantUpdateLimit, 'ParticipantUpdateLimit');
  if (values.roomManagementUrl === undefined) return values;
  return {...values, roomManagementUrl: normaliseRoomManagementUrl(values.roomManagementUrl)};
};

export const getConfigurations = (
  state: ChatState,
  query: {identity?: string | null; filter?: string | null},
) => getSettings(configurations, state, query);

export const newConfiguration = (
  state: ChatState,
  input: {identity: string; values: ConfigurationValues; rev: number; inMemory?: boolean},
): {state: ChatState; output: PersistentChatConfiguration} =>
  newSettings(configurations, state, {...input, values: validateConfigurationValues(input.values)});

export const setConfiguration = (
  state: ChatState,
  input: {identity?: string | null; values: ConfigurationValues; rev: number; fromInstance?: boolean},
): {state: ChatState; output: PersistentChatConfiguration} =>
  setSettings(configurations, state, {...input, values: validateConfigurationValues(input.values)});

export const removeConfiguration = (state: ChatState, input: {identity: string; rev: number}) =>
  removeSettings(configurations, state, input);

/** The configuration that governs a pool (service, else site, else Global). */
export const effectiveConfiguration = (state: ChatState, poolFqdn: string): PersistentChatConfiguration =>
  effectiveSettings(configurations, state, poolFqdn);

/** The pools this stored configuration governs. */
export const poolsUnderConfiguration = (state: ChatState, identity: string) =>
  poolsGovernedBy(configurations, state, identity);

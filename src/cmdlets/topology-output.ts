// Output objects of the topology and service cmdlets, with the PowerShell-visible property
// names of topology-and-service.md, every property present (null when unset).

import {formatTimeSpan, parseTimeSpan} from '../domain/timespan.js';
import type {ComplianceValues} from '../domain/compliance.js';
import type {ConfigurationValues} from '../domain/configuration.js';
import {CmdletError} from '../domain/errors.js';
import type {ComplianceConfiguration, PersistentChatConfiguration} from '../domain/types.js';
import type {PsObject} from './types.js';

export const configurationObject = (c: PersistentChatConfiguration): PsObject => ({
  Identity: c.identity,
  DefaultChatHistory: c.defaultChatHistory,
  MaxFileSizeKB: c.maxFileSizeKB,
  ParticipantUpdateLimit: c.participantUpdateLimit,
  RoomManagementUrl: c.roomManagementUrl,
});

export const complianceObject = (c: ComplianceConfiguration): PsObject => ({
  Identity: c.identity,
  AdapterType: c.adapterType,
  AdapterName: c.adapterName,
  AdapterOutputDirectory: c.adapterOutputDirectory,
  OneChatRoomPerOutputFile: c.oneChatRoomPerOutputFile,
  AddChatRoomDetails: c.addChatRoomDetails,
  AddUserDetails: c.addUserDetails,
  CreateFileAttachmentsManifest: c.createFileAttachmentsManifest,
  CustomConfiguration: c.customConfiguration,
  RunInterval: formatTimeSpan(c.runIntervalSeconds),
});

type Reader = (value: unknown) => unknown;
const number: Reader = (v) => (typeof v === 'number' ? v : undefined);
const boolean: Reader = (v) => (typeof v === 'boolean' ? v : undefined);
const stringOrNull: Reader = (v) => (typeof v === 'string' || v === null ? v : undefined);

/** Reads the named properties of an -Instance object into domain values (unknown or mistyped ones are skipped). */
const fromInstance = <T>(
  instance: PsObject,
  fields: Record<string, [keyof T & string, Reader]>,
): Partial<T> => {
  const values: Record<string, unknown> = {};
  for (const [property, [key, read]] of Object.entries(fields)) {
    const value = Object.hasOwn(instance, property) ? read(instance[property]) : undefined;
    if (value !== undefined) values[key] = value;
  }
  return values as Partial<T>;
};

export const configurationValuesFromInstance = (instance: PsObject): ConfigurationValues =>
  fromInstance<ConfigurationValues>(instance, {
    DefaultChatHistory: ['defaultChatHistory', number],
    MaxFileSizeKB: ['maxFileSizeKB', number],
    ParticipantUpdateLimit: ['participantUpdateLimit', number],
    RoomManagementUrl: ['roomManagementUrl', stringOrNull],
  });

export const complianceValuesFromInstance = (instance: PsObject): ComplianceValues => {
  const values = fromInstance<ComplianceValues>(instance, {
    AdapterType: ['adapterType', stringOrNull],
    AdapterName: ['adapterName', stringOrNull],
    AdapterOutputDirectory: ['adapterOutputDirectory', stringOrNull],
    OneChatRoomPerOutputFile: ['oneChatRoomPerOutputFile', boolean],
    AddChatRoomDetails: ['addChatRoomDetails', boolean],
    AddUserDetails: ['addUserDetails', boolean],
    CreateFileAttachmentsManifest: ['createFileAttachmentsManifest', boolean],
    CustomConfiguration: ['customConfiguration', stringOrNull],
  });
  const interval = instance['RunInterval'];
  if (typeof interval === 'number') return {...values, runIntervalSeconds: interval};
  if (typeof interval !== 'string') return values;
  const seconds = parseTimeSpan(interval);
  if (seconds === null)
    throw new CmdletError('InvalidValue', `RunInterval "${interval}" of the instance is not a TimeSpan.`, {
      parameter: 'Instance',
    });
  return {...values, runIntervalSeconds: seconds};
};

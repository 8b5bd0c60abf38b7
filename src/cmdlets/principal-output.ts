// Output objects of the policy, endpoint and directory cmdlets: PowerShell-visible property
// names, every property present, null when unset, Identity always a string.

import type {DirectoryUser, Endpoint, Policy} from '../domain/types.js';
import type {Principal} from '../domain/directory-principals.js';
import type {PsObject} from './types.js';

export const policyObject = (policy: Policy): PsObject => ({
  Identity: policy.identity,
  Description: policy.description,
  EnablePersistentChat: policy.enablePersistentChat,
});

export const endpointObject = (endpoint: Endpoint): PsObject => ({
  Identity: endpoint.dn,
  SipAddress: endpoint.sipAddress,
  DisplayName: endpoint.displayName,
  PersistentChatPoolFqdn: endpoint.poolFqdn,
  ObjectId: endpoint.objectId,
  IsDefault: endpoint.isDefault,
  DistinguishedName: endpoint.dn,
});

const attribute = (user: DirectoryUser, name: string): string | null =>
  Object.entries(user.attributes).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;

export const userObject = (user: DirectoryUser): PsObject => ({
  Identity: user.dn,
  DisplayName: user.displayName,
  SipAddress: user.sipAddress,
  Enabled: user.enabled && user.sipAddress !== null,
  UserPrincipalName: user.userPrincipalName,
  SamAccountName: user.samAccountName,
  Department: attribute(user, 'department'),
  Title: attribute(user, 'title'),
  City: attribute(user, 'l'),
  Site: user.site,
  PersistentChatPolicy: user.persistentChatPolicy,
  DistinguishedName: user.dn,
});

export const principalObject = (principal: Principal): PsObject => ({
  Identity: principal.dn,
  Name: principal.name,
  DisplayName: principal.displayName,
  ObjectClass: principal.objectClass,
  SipAddress: principal.sipAddress,
  Enabled: principal.enabled,
  DistinguishedName: principal.dn,
});

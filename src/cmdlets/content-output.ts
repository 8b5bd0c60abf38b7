// Output objects of the content cmdlets: PowerShell-visible property names, every property
// present, null when unset, Identity always a string.

import type {Addin, Category, ChatMessage, ChatState, Room} from '../domain/types.js';
import {identityOf} from '../domain/content-identity.js';
import {displayNameOf} from '../domain/principals.js';
import {addinOfRoom, chatRoomUri} from '../domain/rooms.js';
import type {EligiblePrincipal} from '../domain/eligibility.js';
import type {PsObject} from './types.js';

const shown = (state: ChatState, list: readonly string[], asObject: boolean): string[] =>
  list.map((v) => (asObject ? displayNameOf(state.directory, v) : v));

export const categoryObject = (state: ChatState, category: Category, asObject = false): PsObject => ({
  Identity: identityOf(category),
  Name: category.name,
  Description: category.description,
  PersistentChatPoolFqdn: category.poolFqdn,
  Invitations: category.invitations,
  // The Get example filters on `Invites`; every setter says Invitations (ambiguity 2).
  Invites: category.invitations,
  FileUpload: category.fileUpload,
  ChatHistory: category.chatHistory,
  AllowedMembers: shown(state, category.allowedMembers, asObject),
  DeniedMembers: shown(state, category.deniedMembers, asObject),
  Creators: shown(state, category.creators, asObject),
});

export const roomObject = (state: ChatState, room: Room, asObject = false): PsObject => {
  const category = state.categories.find((c) => c.id === room.categoryId);
  return {
    Identity: identityOf(room),
    Name: room.name,
    Description: room.description,
    Category: category ? identityOf(category) : null,
    Type: room.type,
    Privacy: room.privacy,
    Invitations: room.invitations,
    Disabled: room.disabled,
    Addin: addinOfRoom(state, room)?.name ?? null,
    Members: shown(state, room.members, asObject),
    Managers: shown(state, room.managers, asObject),
    Presenters: shown(state, room.presenters, asObject),
    ChatRoomUri: chatRoomUri(state, room),
    PersistentChatPoolFqdn: room.poolFqdn,
  };
};

export const addinObject = (addin: Addin): PsObject => ({
  Identity: identityOf(addin),
  Name: addin.name,
  Url: addin.url,
  PersistentChatPoolFqdn: addin.poolFqdn,
});

export const messageObject = (room: Room, message: ChatMessage): PsObject => ({
  Room: identityOf(room),
  Id: message.id,
  Author: message.author,
  PostedAt: new Date(message.postedAt).toISOString(),
  Text: message.text,
  Replaced: message.replaced,
});

export const eligibleObject = (p: EligiblePrincipal): PsObject => ({
  Identity: p.dn ?? p.value,
  PersistentChatPrincipalType: p.kind,
  SipAddress: p.sipAddress,
  DisplayName: p.displayName,
  DistinguishedName: p.dn,
});

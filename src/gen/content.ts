// What a setup script creates, as plain records: the generator builds the state from them directly
// (setup-state.ts) and can also write them out as the cmdlet lines that would create them
// (setup-script.ts), for timing `pchat init --setup` against the generator.

import type {RoomPrivacy, RoomType} from '../domain/types.js';

export interface PolicySpec {
  /** `Site:DC1` or `Tag:Name`. */
  readonly identity: string;
  readonly description: string;
  readonly enable: boolean;
}

export interface GrantSpec {
  /** The user's SIP address. */
  readonly user: string;
  /** The tag policy's name, without `Tag:`. */
  readonly policy: string;
}

export interface ConfigurationSpec {
  readonly identity: string;
  readonly participantUpdateLimit: number;
}

export interface ComplianceSpec {
  readonly identity: string;
  readonly addUserDetails: boolean;
  readonly addChatRoomDetails: boolean;
  readonly oneChatRoomPerOutputFile: boolean;
  /** Null keeps the default interval. */
  readonly runIntervalSeconds: number | null;
}

export interface AddinSpec {
  readonly name: string;
  readonly pool: string;
  readonly url: string;
}

export interface CategorySpec {
  readonly name: string;
  readonly pool: string;
  readonly invitations: boolean;
  readonly fileUpload: boolean;
  readonly allowedMembers: readonly string[];
  readonly creators: readonly string[];
}

export interface RoomSpec {
  readonly name: string;
  readonly pool: string;
  readonly category: string;
  readonly description: string | null;
  readonly type: RoomType;
  readonly privacy: RoomPrivacy;
  readonly addin: string | null;
  readonly members: readonly string[];
  readonly managers: readonly string[];
  readonly presenters: readonly string[];
}

export interface SetupContent {
  readonly policies: readonly PolicySpec[];
  readonly grants: readonly GrantSpec[];
  readonly configurations: readonly ConfigurationSpec[];
  readonly compliance: readonly ComplianceSpec[];
  readonly addins: readonly AddinSpec[];
  readonly categories: readonly CategorySpec[];
  readonly rooms: readonly RoomSpec[];
}

export const joinContent = (a: SetupContent, b: SetupContent): SetupContent => ({
  policies: [...a.policies, ...b.policies],
  grants: [...a.grants, ...b.grants],
  configurations: [...a.configurations, ...b.configurations],
  compliance: [...a.compliance, ...b.compliance],
  addins: [...a.addins, ...b.addins],
  categories: [...a.categories, ...b.categories],
  rooms: [...a.rooms, ...b.rooms],
});

// The state document: everything the cmdlets manage, as one plain JSON value.
// Entities are readonly plain objects; operations return new objects and never mutate.

export const SCHEMA_VERSION = 1;

export type Role =
  | 'CsAdministrator'
  | 'CsPersistentChatAdministrator'
  | 'CsUserAdministrator'
  | 'CsServerAdministrator'
  | 'CsViewOnlyAdministrator'
  | 'CsHelpDesk';

export const ROLES: readonly Role[] = [
  'CsAdministrator',
  'CsPersistentChatAdministrator',
  'CsUserAdministrator',
  'CsServerAdministrator',
  'CsViewOnlyAdministrator',
  'CsHelpDesk',
];

export interface Site {
  readonly name: string;
  readonly dataCenters: readonly string[];
}

export interface FrontEndPool {
  readonly fqdn: string;
  readonly site: string;
  readonly dataCenter: string | null;
}

/** A SQL store of a pool: `sqlFqdn\instance`. */
export interface SqlStore {
  readonly sqlFqdn: string;
  readonly instance: string;
  readonly dataCenter: string | null;
  /** Backup store only: false while it is a restoring log-shipping target (failover step 4 sets true). */
  readonly online?: boolean;
  /** Backup mirror only: true while it mirrors the backup serving as the pool's database (failover step 6 to failback step 2). Missing reads as false. */
  readonly active?: boolean;
  /** Primary store only: true from its restore from the backup (failback step 4) until the pool is Normal again. Missing reads as false. */
  readonly restored?: boolean;
}

export interface PoolServer {
  readonly fqdn: string;
  readonly dataCenter: string | null;
}

export type PoolState = 'Normal' | 'FailedOver';
export type PoolKind = 'multiComputer' | 'singleComputer';

export interface PersistentChatPool {
  readonly fqdn: string;
  readonly site: string;
  readonly displayName: string | null;
  readonly kind: PoolKind;
  readonly collocatedWithStandardEdition: boolean;
  readonly servers: readonly PoolServer[];
  /** FQDNs, a subset of servers; at most 4. */
  readonly activeServers: readonly string[];
  readonly poolState: PoolState;
  readonly stores: {
    readonly primary: SqlStore;
    readonly primaryMirror: SqlStore | null;
    readonly backup: SqlStore | null;
    readonly backupMirror: SqlStore | null;
    readonly logShipping: boolean;
  };
  readonly lowLatencyLink: boolean;
  readonly compliance: {readonly enabled: boolean; readonly store: SqlStore | null};
  readonly port: number;
  readonly fileStore: string | null;
  readonly nextHopPool: string | null;
}

export interface Topology {
  readonly sites: readonly Site[];
  readonly frontEndPools: readonly FrontEndPool[];
  readonly persistentChatPools: readonly PersistentChatPool[];
}

export interface DirectoryUser {
  readonly dn: string;
  readonly sipAddress: string | null;
  readonly displayName: string;
  readonly site: string | null;
  readonly enabled: boolean;
  /** Per-user (tag) policy name without `Tag:`, or null. */
  readonly persistentChatPolicy: string | null;
  readonly userPrincipalName: string | null;
  readonly samAccountName: string | null;
  /** Free-form LDAP attributes (department, l, title, ...), for -LdapFilter and -Filter. */
  readonly attributes: Readonly<Record<string, string>>;
}

export interface DirectoryGroup {
  readonly dn: string;
  readonly displayName: string;
  /** DNs of members; nested groups allowed. */
  readonly members: readonly string[];
}

export interface DirectoryContact {
  readonly dn: string;
  readonly sipAddress: string | null;
  readonly displayName: string;
}

export interface Directory {
  readonly users: readonly DirectoryUser[];
  readonly groups: readonly DirectoryGroup[];
  readonly contacts: readonly DirectoryContact[];
  readonly organizationalUnits: readonly string[];
  readonly containers: readonly string[];
}

/** Canonical XdsIdentity strings: `Global`, `Site:<name>`, `Service:PersistentChatServer:<fqdn>`, `Tag:<name>`. */
export type XdsIdentity = string;

export interface PersistentChatConfiguration {
  readonly identity: XdsIdentity;
  readonly defaultChatHistory: number;
  readonly maxFileSizeKB: number;
  readonly participantUpdateLimit: number;
  readonly roomManagementUrl: string | null;
  readonly rev: number;
}

export interface ComplianceConfiguration {
  readonly identity: XdsIdentity;
  readonly adapterType: string | null;
  readonly adapterName: string | null;
  readonly adapterOutputDirectory: string | null;
  readonly oneChatRoomPerOutputFile: boolean;
  readonly addChatRoomDetails: boolean;
  readonly addUserDetails: boolean;
  readonly createFileAttachmentsManifest: boolean;
  readonly customConfiguration: string | null;
  /** Seconds; shown as a TimeSpan string. */
  readonly runIntervalSeconds: number;
  readonly rev: number;
}

/** Where a pool's compliance capture stopped: the next run writes the messages after it. */
export interface ComplianceMark {
  readonly poolFqdn: string;
  /** The end of the last capture window (ISO). */
  readonly through: string;
  /** Ids of the messages posted exactly at `through` that the last capture wrote. */
  readonly idsAtThrough: readonly string[];
}

export interface Policy {
  readonly identity: XdsIdentity;
  readonly description: string | null;
  readonly enablePersistentChat: boolean;
  readonly rev: number;
}

export interface Endpoint {
  /** `CN={<guid>},CN=Application Contacts,CN=RTC Service,CN=Services,CN=Configuration,DC=...` */
  readonly dn: string;
  readonly objectId: string;
  readonly sipAddress: string;
  readonly displayName: string | null;
  readonly poolFqdn: string;
  readonly isDefault: boolean;
}

export interface Category {
  readonly id: string;
  readonly name: string;
  readonly poolFqdn: string;
  readonly description: string | null;
  readonly invitations: boolean;
  readonly fileUpload: boolean;
  readonly chatHistory: boolean;
  /** Principal references as stored: SIP URIs (lower-cased) and DNs. */
  readonly allowedMembers: readonly string[];
  readonly deniedMembers: readonly string[];
  readonly creators: readonly string[];
  readonly disabled: boolean;
  readonly rev: number;
}

export type RoomType = 'Normal' | 'Auditorium';
export type RoomPrivacy = 'Open' | 'Closed' | 'Secret';
export type RoomInvitations = 'Inherit' | 'False';

export interface Room {
  readonly id: string;
  readonly name: string;
  readonly poolFqdn: string;
  readonly categoryId: string;
  readonly description: string | null;
  readonly type: RoomType;
  readonly privacy: RoomPrivacy;
  readonly invitations: RoomInvitations;
  readonly disabled: boolean;
  readonly addinId: string | null;
  readonly members: readonly string[];
  readonly managers: readonly string[];
  readonly presenters: readonly string[];
  readonly rev: number;
}

export interface Addin {
  readonly id: string;
  readonly name: string;
  readonly poolFqdn: string;
  readonly url: string;
  readonly rev: number;
}

export interface Operator {
  readonly name: string;
  readonly roles: readonly Role[];
}

export interface ChatState {
  readonly schemaVersion: number;
  /** Bumped by the store on every commit. */
  readonly revision: number;
  readonly sipDomains: readonly string[];
  readonly topology: Topology;
  readonly directory: Directory;
  readonly configurations: readonly PersistentChatConfiguration[];
  readonly compliance: readonly ComplianceConfiguration[];
  readonly policies: readonly Policy[];
  readonly endpoints: readonly Endpoint[];
  readonly categories: readonly Category[];
  readonly rooms: readonly Room[];
  readonly addins: readonly Addin[];
  readonly operators: readonly Operator[];
  /** Absent until the first compliance capture. */
  readonly complianceMarks?: readonly ComplianceMark[];
}

/** One chat message; lives in the store's message log, not in ChatState. */
export interface ChatMessage {
  readonly id: string;
  /** Room id (stable across renames). */
  readonly roomId: string;
  readonly author: string;
  readonly postedAt: string;
  readonly text: string;
  readonly replaced: boolean;
  readonly replacedAt: string | null;
}

export type AuditResult = 'Success' | 'PartialFailure';

/** Where a command came from: the console, `pchat exec`, a drill, or `pchat init`. */
export type CommandOrigin = 'console' | 'exec' | 'drill' | 'init';

export const COMMAND_ORIGINS: readonly CommandOrigin[] = ['console', 'exec', 'drill', 'init'];

export interface AuditEntry {
  readonly seq: number;
  readonly time: string;
  readonly operator: string;
  readonly uid: number | null;
  readonly role: Role | 'None';
  readonly command: string;
  readonly targets: readonly string[];
  readonly result: AuditResult;
  /** Error ids of the invocations that failed inside a partially failed line. */
  readonly errors: readonly string[];
  readonly revisionBefore: number;
  readonly revisionAfter: number;
  /** SSH_CONNECTION and the like: context, not trusted. */
  readonly source: string | null;
  /**
   * Warning ids the line raised, in order. Always written; absent only in entries written before
   * pchat recorded them.
   */
  readonly warnings?: readonly string[];
  /** Where the command came from. Always written; absent only in entries written before pchat recorded it. */
  readonly via?: CommandOrigin;
}

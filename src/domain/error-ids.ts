// Every error and warning id pchat reports, in one place: a misspelled id fails to compile, and
// tests can iterate the lists. Ids come from the specs; the language's own ids copy PowerShell's.

export const ERROR_IDS = [
  // The command language and the session.
  'ParserError',
  'CommandNotFound',
  'ParameterBindingError',
  'MissingParameter',
  'ParameterConflict',
  'InputObjectNotBound',
  'ExpandPropertyNotFound',
  'MethodNotFound',
  'ConsoleLineOutputOutOfSequencePacket',
  'HelpNotFound',
  'ConfirmationRequired',
  'AccessDenied',
  'Conflict',
  // Argument values.
  'InvalidValue',
  'LimitExceeded',
  'OutOfRange',
  'InvalidName',
  'InvalidUrl',
  'InvalidPrincipal',
  'InvalidScope',
  'InvalidDeployment',
  // Identities and lookups.
  'AmbiguousIdentity',
  'AlreadyExists',
  'DuplicateName',
  'DuplicateFqdn',
  'DuplicateSipAddress',
  'DuplicateStore',
  'NameConflict',
  'CrossPoolReference',
  'PoolNotFound',
  'PoolRequired',
  'SiteNotFound',
  'DataCenterNotFound',
  'ServerNotFound',
  'NotPoolMember',
  'SingleComputerPool',
  'ServerLimit',
  'ActiveServerLimit',
  'BackupStoreRequired',
  'BackupMirrorRequired',
  'BackupNotFound',
  'NothingToRestore',
  'TargetDown',
  'DrillNotFound',
  'ConfigurationNotFound',
  'GlobalNotCreatable',
  'PolicyNotFound',
  'PolicyInUse',
  'EndpointNotFound',
  'EndpointInUse',
  'PrincipalNotFound',
  'UserNotFound',
  'StoreNotFound',
  // Rooms and content.
  'CategoryNotFound',
  'RoomNotFound',
  'AddinNotFound',
  'CategoryNotEmpty',
  'PrincipalNotInScope',
  'PresenterNotAllowed',
  'RoomDisabled',
  'PostNotAllowed',
  'FileUploadDisabled',
  'AddinInUse',
  // Compliance output.
  'ComplianceDisabled',
  'AdapterNotAvailable',
] as const;

export type ErrorId = (typeof ERROR_IDS)[number];

export const WARNING_IDS = [
  'ActiveServerFarFromDatabase',
  'ActiveServersNotCleared',
  'AdditionalEndpoint',
  'AddinNotRestored',
  'BackupMirrorActive',
  'BackupStoreOffline',
  'ComplianceDisabled',
  'ExportScopeNotFound',
  'DatabaseStepAlreadyRecorded',
  'DefaultEndpoint',
  'ImportOverwrite',
  'ImportSkipped',
  'ImportWhileActive',
  'LogShippingEnabled',
  'LogShippingNotRestored',
  'MessagesChangedSince',
  'NoActiveServers',
  'PolicyAssignmentsCleared',
  'PoolNotFailedOver',
  'PresentersCleared',
  'PresentersRemoved',
  'PrimaryNotRestored',
  'PrincipalsPurged',
  'ServerAlreadyActive',
  'ServerDown',
  'ServerNotActive',
  'SharedOutputDirectory',
  'WindowsPathMapped',
  'XsltNotApplied',
  'ComplianceTextReplaced',
  // The command language: Write-Warning, and ConvertTo-Json past its -Depth.
  'WriteWarning',
  'JsonTruncated',
] as const;

export type WarningId = (typeof WARNING_IDS)[number];

/**
 * Spec note (topology spec 4 and 4.5): one condition, two severities under the spec's one name. A
 * compliance collection for a pool whose topology has compliance off is allowed with a warning; a
 * capture for that pool is refused with the error. No other id may be both.
 */
export const ERROR_AND_WARNING_IDS: readonly (ErrorId & WarningId)[] = ['ComplianceDisabled'];

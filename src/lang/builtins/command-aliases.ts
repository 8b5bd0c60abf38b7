// The command aliases a line may use; run-pipeline.ts resolves them and Get-Command lists them.

/** The usual PowerShell aliases of the builtins. */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = {
  where: 'Where-Object',
  '?': 'Where-Object',
  select: 'Select-Object',
  help: 'Get-Help',
  gcm: 'Get-Command',
  ft: 'Format-Table',
  fl: 'Format-List',
  '%': 'ForEach-Object',
  foreach: 'ForEach-Object',
  sort: 'Sort-Object',
  measure: 'Measure-Object',
  group: 'Group-Object',
  echo: 'Write-Output',
  write: 'Write-Output',
};

// Documented lines name files as Windows paths (`C:\Logs\Export.zip`); the contract maps any such
// path to the file of that name in the store's exports/ directory, with a warning naming it.

/** A drive letter, a UNC path or any backslash marks a Windows path. */
export const isWindowsPath = (requested: string): boolean =>
  /^[A-Za-z]:/.test(requested) || requested.includes('\\');

/** The name an operator's file is written under: a Windows path's last part, anything else as given. */
export const exportFileName = (requested: string): {readonly name: string; readonly mapped: boolean} =>
  isWindowsPath(requested)
    ? {name: requested.split(/[\\/]/).pop() ?? '', mapped: true}
    : {name: requested, mapped: false};

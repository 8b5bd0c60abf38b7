// Windows paths as the documentation writes them (`C:\Logs\Export.zip`, `\\server\share\Output`)
// stand for the entry of that name in the store's exports/ directory (contract section 1), so that
// documented lines can be pasted as they are. Whether the name stays inside exports/ is the store's
// rule (store/exports.ts), applied to whatever this returns.

/** A drive letter, a UNC path or any backslash: the forms the documentation uses. */
export const isWindowsPath = (requested: string): boolean =>
  /^[A-Za-z]:/.test(requested) || requested.includes('\\');

/** The last part of a Windows path, or null when it names no file or folder (`C:\`). */
export const lastWindowsPart = (requested: string): string | null => {
  const parts = requested
    .replace(/^[A-Za-z]:/, '')
    .split(/[\\/]+/)
    .filter((part) => part !== '');
  return parts.at(-1) ?? null;
};

/** The name an operator's file is written under: a Windows path's last part, anything else as given. */
export const exportFileName = (requested: string): {readonly name: string; readonly mapped: boolean} =>
  isWindowsPath(requested)
    ? {name: lastWindowsPart(requested) ?? '', mapped: true}
    : {name: requested, mapped: false};

// Writing values into a cmdlet line: single-quoted strings (a quote doubled), $True/$False, $Null.
// Spec note: src/lang/render-line.ts is the language's own renderer; this is the console's small
// writer for the shapes its forms produce, kept to the subset the language documents.

export const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export const bool = (value: boolean): string => (value ? '$True' : '$False');

export const quoteList = (values: readonly string[]): string => values.map(quote).join(',');

/** A bare word needs no quotes when it is one plain token. */
export const word = (text: string): string => (/^[A-Za-z0-9_.:@\\-]+$/.test(text) && !text.startsWith('-') ? text : quote(text));

export const listModifier = (add: readonly string[], remove: readonly string[]): string => {
  const parts = [add.length > 0 ? `Add=${quoteList(add)}` : null, remove.length > 0 ? `Remove=${quoteList(remove)}` : null].filter(Boolean);
  return `@{${parts.join('; ')}}`;
};

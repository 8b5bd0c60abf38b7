// Host names as RFC 1123 and RFC 1035 define them: what a pool, server or SQL host may be called.

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LABEL = /^[a-z]/;
const MAX_LENGTH = 253;

/**
 * The canonical (lower-case, no trailing dot) form of a fully qualified domain name, or null when
 * the text is not one: at least two labels of 1-63 letters, digits and inner hyphens, at most 253
 * characters, and a top label that starts with a letter (so `1.2.3.4` is an address, not a name).
 * Unicode is refused: internationalised names must be given as A-labels (`xn--...`).
 */
export const parseFqdn = (text: string): string | null => {
  const trimmed = text.endsWith('.') ? text.slice(0, -1) : text;
  const lower = trimmed.toLowerCase();
  if (lower.length === 0 || lower.length > MAX_LENGTH) return null;
  const labels = lower.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  return TOP_LABEL.test(labels[labels.length - 1] ?? '') ? lower : null;
};

export const isFqdn = (text: string): boolean => parseFqdn(text) !== null;

/** Case-insensitive FQDN comparison (a trailing dot does not matter). */
export const sameFqdn = (a: string, b: string): boolean => (parseFqdn(a) ?? a.toLowerCase()) === (parseFqdn(b) ?? b.toLowerCase());

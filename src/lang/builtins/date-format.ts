// .NET's date format strings, the part operators use: the custom specifiers (yyyy MM dd HH mm ss
// fff tt ddd MMMM zzz ...), quoted literals and `\` escapes, and the one-letter standard formats
// (o s u, and d D t T g G f F as en-US writes them). Times are UTC, as everywhere in pchat's output.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

const STANDARD: Readonly<Record<string, string>> = {
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  d: 'M/d/yyyy',
  D: 'dddd, MMMM d, yyyy',
  t: 'h:mm tt',
  T: 'h:mm:ss tt',
  g: 'M/d/yyyy h:mm tt',
  G: 'M/d/yyyy h:mm:ss tt',
  f: 'dddd, MMMM d, yyyy h:mm tt',
  F: 'dddd, MMMM d, yyyy h:mm:ss tt',
};

function specifier(date: Date, letter: string, count: number): string {
  const hours = date.getUTCHours();
  switch (letter) {
    case 'y':
      return count <= 2 ? pad(date.getUTCFullYear() % 100, count) : pad(date.getUTCFullYear(), count);
    case 'M':
      return count <= 2
        ? pad(date.getUTCMonth() + 1, count)
        : count === 3
          ? MONTHS[date.getUTCMonth()]!.slice(0, 3)
          : MONTHS[date.getUTCMonth()]!;
    case 'd':
      return count <= 2
        ? pad(date.getUTCDate(), count)
        : count === 3
          ? DAYS[date.getUTCDay()]!.slice(0, 3)
          : DAYS[date.getUTCDay()]!;
    case 'H':
      return pad(hours, Math.min(count, 2));
    case 'h':
      return pad(hours % 12 || 12, Math.min(count, 2));
    case 'm':
      return pad(date.getUTCMinutes(), Math.min(count, 2));
    case 's':
      return pad(date.getUTCSeconds(), Math.min(count, 2));
    case 'f':
    case 'F': {
      const digits = pad(date.getUTCMilliseconds(), 3).padEnd(7, '0').slice(0, Math.min(count, 7));
      return letter === 'F' ? digits.replace(/0+$/, '') : digits;
    }
    case 't':
      return (hours < 12 ? 'AM' : 'PM').slice(0, count === 1 ? 1 : 2);
    case 'z':
      return count === 1 ? '+0' : count === 2 ? '+00' : '+00:00';
    case 'K':
      return 'Z';
    default:
      return letter.repeat(count);
  }
}

/** The date written with a .NET format string. */
export function formatDate(date: Date, format: string): string {
  const pattern = format.length === 1 ? (STANDARD[format] ?? `%${format}`) : format;
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const char = pattern[i]!;
    if (char === "'" || char === '"') {
      const end = pattern.indexOf(char, i + 1);
      const stop = end === -1 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
    } else if (char === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
    } else if (char === '%') {
      i += 1;
    } else if (/[yMdHhmsfFtzK]/.test(char)) {
      let count = 1;
      while (pattern[i + count] === char) count++;
      out += specifier(date, char, count);
      i += count;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

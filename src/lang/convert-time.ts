// DateTime arguments: the form the documentation uses ("3/1/2018") and ISO 8601. Times without a
// zone are UTC. TimeSpans are the domain's (src/domain/timespan.ts).

import type {DateArg} from '../cmdlets/types.js';

const US = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?\s*$/i;
const ISO =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$/i;

/** A date as the documentation writes it (M/D/YYYY, US style) or ISO 8601; null when neither. */
export function parseDate(text: string): DateArg | null {
  const us = US.exec(text);
  if (us) {
    let hour = Number(us[4] ?? 0);
    const meridiem = us[7]?.toUpperCase();
    if (meridiem && (hour < 1 || hour > 12)) return null;
    if (meridiem === 'PM' && hour < 12) hour += 12;
    if (meridiem === 'AM' && hour === 12) hour = 0;
    return build(
      [Number(us[3]), Number(us[1]), Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0), 0],
      0,
      us[4] === undefined,
    );
  }
  const iso = ISO.exec(text);
  if (!iso) return null;
  const millis = iso[7] ? Number(`0.${iso[7]}`) * 1000 : 0;
  const offset = iso[8] ? zoneMinutes(iso[8]) : 0;
  if (offset === null) return null;
  const fields = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return build([...fields, Math.floor(millis)], offset, iso[4] === undefined);
}

const zoneMinutes = (zone: string): number | null => {
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
};

type Fields = [
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
];

function build(
  [year, month, day, hour, minute, second, ms]: Fields,
  offsetMinutes: number,
  dateOnly: boolean,
): DateArg | null {
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  // Date rolls 2/30 over into March; a date that moved was not a real date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return {iso: new Date(date.getTime() - offsetMinutes * 60_000).toISOString(), dateOnly};
}

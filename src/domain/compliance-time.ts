// The three forms in which the compliance XML (topology spec 4.5) carries one instant: milliseconds
// since 1970, ISO 8601 with seven fractional digits, and .NET ticks (100 ns units since 0001-01-01).

/** .NET ticks at 1970-01-01T00:00:00Z. */
export const TICKS_AT_1970 = 621_355_968_000_000_000n;
const TICKS_PER_MILLISECOND = 10_000n;

export interface TimeForms {
  readonly since1970: string;
  readonly string: string;
  readonly long: string;
}

/**
 * The forms of an ISO instant. Ticks pass 2^53, so they are counted in BigInt; the stored instants
 * have millisecond precision, so the four digits below the millisecond are zeros.
 */
export const timeForms = (iso: string): TimeForms => {
  const millis = Date.parse(iso);
  if (!Number.isFinite(millis)) throw new Error(`Not an instant: ${iso}`);
  const date = new Date(millis);
  return {
    since1970: String(millis),
    string: `${date.toISOString().slice(0, -1)}0000Z`,
    long: String(BigInt(millis) * TICKS_PER_MILLISECOND + TICKS_AT_1970),
  };
};

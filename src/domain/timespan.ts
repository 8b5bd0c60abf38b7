// TimeSpans the way PowerShell reads and prints them: "00:15:00", "1.00:00:00", "30.00:00:00".

const SECONDS_PER_DAY = 86_400;

// [-][d.]hh:mm[:ss[.fffffff]] or a whole number of days, as System.TimeSpan.Parse accepts.
const CLOCK = /^(-)?(?:(\d{1,8})\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/;
const DAYS = /^(-)?(\d{1,8})$/;

/**
 * Seconds in a TimeSpan string, or null when the text is not one. Like TimeSpan.Parse, a bare
 * number means days ("15" is fifteen days) and hours, minutes and seconds must be in range.
 */
export const parseTimeSpan = (text: string): number | null => {
  const trimmed = text.trim();
  const days = DAYS.exec(trimmed);
  if (days) return sign(days[1]) * Number(days[2]) * SECONDS_PER_DAY;
  const m = CLOCK.exec(trimmed);
  if (!m) return null;
  const [hours, minutes, seconds] = [Number(m[3]), Number(m[4]), Number(m[5] ?? '0')];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const fraction = m[6] ? Number(`0.${m[6]}`) : 0;
  const total = Number(m[2] ?? '0') * SECONDS_PER_DAY + hours * 3600 + minutes * 60 + seconds + fraction;
  return sign(m[1]) * total;
};

const sign = (minus: string | undefined): number => (minus ? -1 : 1);

const pad = (n: number): string => String(n).padStart(2, '0');

/** "00:15:00", "1.00:00:00", "-00:00:30", "00:00:01.5000000" (days only when there are any). */
export const formatTimeSpan = (seconds: number): string => {
  const negative = seconds < 0;
  const abs = Math.abs(seconds);
  const whole = Math.floor(abs);
  const days = Math.floor(whole / SECONDS_PER_DAY);
  const rest = whole % SECONDS_PER_DAY;
  const clock = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor((rest % 3600) / 60))}:${pad(rest % 60)}`;
  const ticks = Math.round((abs - whole) * 10_000_000);
  const fraction = ticks > 0 ? `.${String(ticks).padStart(7, '0')}` : '';
  return `${negative ? '-' : ''}${days > 0 ? `${days}.` : ''}${clock}${fraction}`;
};

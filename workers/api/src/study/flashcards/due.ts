/**
 * "Due now" in the student's time zone: a card is due when its due time is at or before the end of the
 * student's current local day (the next local midnight), so a card due at 01:00 tonight shows up in
 * today's session and the day's queue does not grow hour by hour.
 */
import { invalidInput } from "../../platform/problem";

/** The IANA zone, or a 422 naming the parameter. */
export function checkTimeZone(tz: string | undefined): string {
  const zone = tz ?? "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    const message = `${zone} is not an IANA time zone (e.g. America/Sao_Paulo)`;
    throw invalidInput([{ path: "tz", message }], `tz: ${message}.`);
  }
}

/** Wall-clock fields of `instant` in `timeZone`. */
function localParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (local = UTC + offset). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of the next local midnight after `now` in `timeZone` (the end of the local day). */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const today = localParts(now, timeZone);
  const midnightWallClock = Date.UTC(today.year, today.month - 1, today.day + 1);
  // The offset at midnight may differ from now's (a DST change today): settle it in two steps.
  let guess = midnightWallClock - offsetAt(now, timeZone);
  guess = midnightWallClock - offsetAt(new Date(guess), timeZone);
  return new Date(guess);
}

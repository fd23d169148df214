/** Study tab helpers shared by the server and the browser: time zones and due-time wording. */
import type { Locale } from "$lib/i18n";

/** Cookie in which the browser keeps its IANA time zone, read by the server for "due today". */
export const TZ_COOKIE = "tz";

/** The browser's IANA time zone (e.g. America/Sao_Paulo), or UTC. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** Writes the browser's zone into the `tz` cookie; true when it changed (so server data should reload). */
export function syncTimeZoneCookie(): boolean {
  const zone = browserTimeZone();
  const current = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${TZ_COOKIE}=`))
    ?.slice(TZ_COOKIE.length + 1);
  if (current && decodeURIComponent(current) === zone) return false;
  // Not a secret: a plain, script-set preference cookie like `lang`.
  // biome-ignore lint/suspicious/noDocumentCookie: a one-off preference cookie; the Cookie Store API is not everywhere yet.
  document.cookie = `${TZ_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  return true;
}

/** "in 10 minutes" / "tomorrow" / "in 3 days", in the page's language. */
export function relativeDue(due: string, locale: Locale, now: number = Date.now()): string {
  const ms = new Date(due).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const minutes = Math.round(ms / 60_000);
  if (minutes <= 0) return rtf.format(0, "second");
  if (minutes < 60) return rtf.format(minutes, "minute");
  const hours = Math.round(ms / 3_600_000);
  if (Math.abs(hours) < 24) return rtf.format(hours, "hour");
  const days = Math.round(ms / 86_400_000);
  if (Math.abs(days) < 45) return rtf.format(days, "day");
  return rtf.format(Math.round(days / 30), "month");
}

/** The absolute due time, e.g. "Tue, 3 Jun, 14:32". */
export function formatDue(due: string, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(due));
}

/** Percent of a 0–1 fraction, e.g. 0.8 → "80%". */
export function percent(fraction: number | null, locale: Locale): string {
  if (fraction === null) return "—";
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

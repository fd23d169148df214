/** A same-site path to go back to (after sign-in, a language change), or the fallback: never another origin. */
export function safePath(candidate: unknown, fallback: string): string {
  if (typeof candidate !== "string" || !candidate.startsWith("/") || candidate.startsWith("//")) return fallback;
  if (candidate.includes("\\") || [...candidate].some((char) => char.charCodeAt(0) < 0x20)) return fallback;
  return candidate;
}

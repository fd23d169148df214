/**
 * The web Worker's log lines: one JSON object per line with the request id, like the API's. Every server
 * module logs through here instead of writing its own `console.*(JSON.stringify(...))`.
 */
type Level = "info" | "warn" | "error";

/** An error as one readable line: `Name: message` (no stack unless asked: logs are not for attackers). */
export function describeError(
  error: unknown,
  withStack = false,
): string | { name: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return String(error);
  if (withStack) return { name: error.name, message: error.message, stack: error.stack };
  return `${error.name}: ${error.message}`;
}

export function logLine(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, msg, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}

/** Logs a failed call for the request `event` is answering. */
export function logFailure(
  event: { locals: { requestId: string } },
  msg: string,
  error: unknown,
  level: Level = "error",
): void {
  logLine(level, msg, { requestId: event.locals.requestId, error: describeError(error) });
}

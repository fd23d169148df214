/** Structured JSON logs: one object per line, always with the request id when there is one. */
type Level = "debug" | "info" | "warn" | "error";

export type Logger = {
  [L in Level]: (message: string, fields?: Record<string, unknown>) => void;
} & { child: (fields: Record<string, unknown>) => Logger };

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
let minimumLevel: Level = "debug";

/**
 * LOG_LEVEL: lines below it are dropped. One value per isolate (an isolate serves one Worker version with
 * one configuration), set by the entry points from the parsed config before any handler logs.
 */
export function setLogLevel(level: Level) {
  minimumLevel = level;
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < RANK[minimumLevel]) return;
    const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...base, ...fields });
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.log(line);
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, errorName: err.name, stack: err.stack };
  return { error: String(err) };
}

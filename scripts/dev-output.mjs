// What `npm run dev` shows by default: a few lines of its own, and from the tools only what needs a
// person's attention — errors (wrangler's, the Workers' uncaught exceptions, our `error`/`warn` JSON log
// lines, 5xx responses) with the stack lines that follow them. `--verbose` (or STUDYAI_DEV_VERBOSE=1)
// passes everything through, as before.

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters
const ANSI = /\u001b\[[0-9;]*m/g;

/** Wrangler's errors, uncaught exceptions in a Worker, our error/warn logs, and 5xx responses. */
const NOTEWORTHY = [
  /✘|\[ERROR\]/,
  /\bUncaught\b|\bUnhandled\b/,
  /"level":"(?:error|warn|fatal)"/,
  /\[wrangler:info\] [A-Z]+ \S+ 5\d\d\b/,
];
/** Lines that continue a shown one: a stack trace, or a code frame. */
const CONTINUATION = /^\s+(?:at\s|\S+\s*\|)|^\s*\^/;

export function isVerbose(argv = process.argv, env = process.env) {
  return argv.includes("--verbose") || /^(1|true|yes)$/i.test(env.STUDYAI_DEV_VERBOSE ?? "");
}

export function isNoteworthy(line) {
  const plain = line.replace(ANSI, "");
  return NOTEWORTHY.some((pattern) => pattern.test(plain));
}

/**
 * A line splitter for a child's output: calls `write(line)` for noteworthy lines (and the stack lines after
 * them); keeps the last `keep` lines of everything, so a crash can be shown in full.
 */
export function createOutputFilter(write, keep = 80) {
  let pending = "";
  let showing = false;
  const recent = [];
  const line = (text) => {
    recent.push(text);
    if (recent.length > keep) recent.shift();
    const plain = text.replace(ANSI, "");
    if (isNoteworthy(plain)) showing = true;
    else if (!(showing && CONTINUATION.test(plain))) showing = false;
    if (showing) write(text);
  };
  return {
    push(chunk) {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? "";
      for (const l of lines) line(l);
    },
    end() {
      if (pending) line(pending);
      pending = "";
    },
    recent: () => [...recent],
  };
}

/** "8 migrations applied" or "up to date", from `wrangler d1 migrations apply`'s table. */
export function migrationSummary(output) {
  const plain = output.replace(ANSI, "");
  if (/No migrations to apply/i.test(plain)) return "database up to date";
  // wrangler reprints the whole table after each migration it applies: count each name once.
  const names = plain.match(/^│\s*\d{4}_\S+\.sql(?=\s*│\s*✅)/gmu) ?? [];
  const applied = new Set(names.map((name) => name.replace(/^│\s*/u, ""))).size;
  return `${applied} migration${applied === 1 ? "" : "s"} applied`;
}

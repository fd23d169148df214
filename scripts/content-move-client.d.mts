/** Types of content-move-client.mjs for the TypeScript tests that drive it. */
export type ContentMoveOptions = {
  api: string;
  token: string;
  notebookId: string;
  reason: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<unknown>;
  pollMs?: number;
  timeoutPolls?: number;
  print?: (line: string) => void;
};

export function moveNotebookContent(
  options: ContentMoveOptions,
): Promise<{ ok: boolean; job: Record<string, unknown> | null; problem?: Record<string, unknown> }>;

export function reportLines(report: unknown): string[];

export function moveAllNotebooks(options: {
  api: string;
  token: string;
  reason: string;
  after?: string;
  limit?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<unknown>;
  now?: () => number;
  print?: (line: string) => void;
}): Promise<{ ok: boolean; started: number; skipped: { notebookId: string; reason: string }[]; next: string | null }>;

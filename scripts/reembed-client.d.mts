/** Types of reembed-client.mjs for the TypeScript tests that drive it. */
export type ReembedOptions = {
  api: string;
  token: string;
  notebookId: string;
  model: string;
  reason: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<unknown>;
  pollMs?: number;
  timeoutPolls?: number;
  print?: (line: string) => void;
};

export function reembedNotebook(
  options: ReembedOptions,
): Promise<{ ok: boolean; job: Record<string, unknown> | null; problem?: Record<string, unknown> }>;

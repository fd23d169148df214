/** The typed Hono context shared by every router: bindings plus the variables middleware sets. */
import type { Scope } from "../../../../schemas/api-keys";
import type { NotebookRow } from "../notebooks/notebooks.store";
import type { Logger } from "./logger";

export type Principal = {
  userId: string;
  email: string;
  /** How the caller authenticated: a browser session (cookie or bearer session token) or an API key. */
  via: "session" | "api-key";
  /** What the caller may do. Sessions hold every scope; an API key holds the scopes it was created with. */
  scopes: readonly Scope[];
  /** The API key's id when `via` is "api-key". */
  apiKeyId?: string;
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
    /** Set by admin/require-admin.ts: the fingerprint of the admin token used, for the audit trail. */
    adminActor?: string;
    /**
     * Set by notebooks/owned-notebook.ts for a request under /v1/notebooks/{notebookId}: that notebook as the
     * caller sees it (undefined: not theirs, or missing), read with the API key or the session; for a search or
     * an ask, its ready documents too (notebooks.store.ts ownedNotebookWithReadyQuery, JSON).
     */
    batchedNotebook?: { id: string; row: NotebookRow | undefined; readyDocuments?: string };
    /**
     * Set by auth/require-user.ts when getSession refreshed the caller's session: the Set-Cookie (and for a bearer
     * session `set-auth-token`) headers it answered, carried onto the response by auth/session-refresh.ts.
     */
    sessionRefresh?: [string, string][];
    /** Set by the one `onError`: the answered problem's type ("database-unavailable", "internal" …). */
    problemType?: string;
  };
};

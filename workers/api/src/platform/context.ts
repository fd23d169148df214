/** The typed Hono context shared by every router: bindings plus the variables middleware sets. */
import type { Logger } from "./logger";

export type Principal = {
  userId: string;
  email: string;
  /** How the caller authenticated: a browser session (cookie or bearer session token) or an API key. */
  via: "session" | "api-key";
};

export type AppEnv = {
  Bindings: Env;
  Variables: {
    requestId: string;
    log: Logger;
    principal?: Principal;
  };
};

import { createMiddleware } from "hono/factory";
import type { AppEnv, Principal } from "../platform/context";
import { unauthorized } from "../platform/problem";
import { getAuth } from "./auth";

/**
 * Resolves the caller from the session cookie or `Authorization: Bearer <session token>` and
 * stores it as `principal`; 401 problem otherwise.
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const result = await getAuth(c.env).api.getSession({ headers: c.req.raw.headers });
  if (!result) throw unauthorized();
  const principal: Principal = { userId: result.user.id, email: result.user.email, via: "session" };
  c.set("principal", principal);
  c.get("log").debug("authenticated", { userId: principal.userId, via: principal.via });
  await next();
});

/** The authenticated caller; only valid behind `requireUser`. */
export function principalOf(c: { get: (key: "principal") => Principal | undefined }): Principal {
  const principal = c.get("principal");
  if (!principal) throw unauthorized();
  return principal;
}

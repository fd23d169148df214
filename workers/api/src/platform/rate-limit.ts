import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { Problem } from "./problem";

/** The names of the rate-limiter bindings in wrangler.toml (SIGN_IN_LIMITER, ASK_LIMITER, ...). */
export type LimiterName = { [K in keyof Env]-?: Env[K] extends RateLimit ? K : never }[keyof Env];

type KeyFn = (c: Context<AppEnv>) => string | string[] | undefined | Promise<string | string[] | undefined>;

/**
 * Burst limit through a rate-limiter binding: every key `keyFn` returns is counted, and the first
 * one over its limit answers 429 with `Retry-After`. The binding is per Cloudflare location and
 * eventually consistent: fine against bursts, not a quota (quotas live in D1). No key: not limited.
 *
 * @example router.use("/:notebookId/ask", rateLimit("ASK_LIMITER", (c) => callerKey(principalOf(c))))
 */
export function rateLimit(binding: LimiterName, keyFn: KeyFn, options: { retryAfterSeconds?: number } = {}) {
  const retryAfter = String(options.retryAfterSeconds ?? 60); // the period configured in wrangler.toml
  return createMiddleware<AppEnv>(async (c, next) => {
    const found = await keyFn(c);
    const keys = found === undefined ? [] : Array.isArray(found) ? found : [found];
    for (const key of keys) {
      const { success } = await c.env[binding].limit({ key });
      if (!success) {
        c.get("log").warn("rate limited", { binding, key });
        throw new Problem({
          status: 429,
          type: "rate-limited",
          title: "Too many requests",
          detail: `Too many requests in a short time. Retry after ${retryAfter} seconds.`,
          headers: { "retry-after": retryAfter },
        });
      }
    }
    await next();
  });
}

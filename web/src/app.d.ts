// See https://svelte.dev/docs/kit/types#app.d.ts
// `Env` (bindings: API, ASSETS) is generated from ../wrangler.toml by `npm run types` into worker-configuration.d.ts.
import type { Locale } from "$lib/i18n";
import type { SessionUser } from "$lib/server/session";

declare global {
  namespace App {
    interface Error {
      message: string;
      requestId?: string;
    }
    interface Locals {
      lang: Locale;
      requestId: string;
      /** The signed-in user (asked of the API once per request, on first use), or null. */
      user: () => Promise<SessionUser | null>;
    }
    interface PageData {
      lang: Locale;
      user: SessionUser | null;
    }
    interface Platform {
      env: Env;
      ctx: ExecutionContext;
      caches: CacheStorage;
      cf?: IncomingRequestCfProperties;
    }
  }
}

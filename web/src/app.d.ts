// See https://svelte.dev/docs/kit/types#app.d.ts
// `Env` (bindings: API, ASSETS) is generated from ../wrangler.toml by `npm run types` into worker-configuration.d.ts.
import type { Locale } from "$lib/i18n";

declare global {
  namespace App {
    interface Error {
      message: string;
      requestId?: string;
    }
    interface Locals {
      lang: Locale;
      requestId: string;
    }
    interface PageData {
      lang: Locale;
    }
    interface Platform {
      env: Env;
      ctx: ExecutionContext;
      caches: CacheStorage;
      cf?: IncomingRequestCfProperties;
    }
  }
}

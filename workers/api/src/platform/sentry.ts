/**
 * Sentry, imported only where SENTRY_DSN is set: its SDK is the largest part of what the api Worker's entry
 * would otherwise load at isolate startup (docs/performance.md, "Startup and bundle"), and without a DSN it
 * is never initialised. The first event (request, batch, tick) with SENTRY_DSN imports the SDK and wraps the
 * handlers with `withSentry` once per isolate; without it the handlers run as they are.
 */
import type { CloudflareOptions } from "@sentry/cloudflare";

type SentryModule = typeof import("@sentry/cloudflare");
type Options = (env: Env) => CloudflareOptions | undefined;
type Handlers = Required<Pick<ExportedHandler<Env>, "fetch" | "queue" | "scheduled">>;

// The loaded module and the wrapped handlers, not a promise shared across requests: a promise created in
// one request and awaited in another is cross-request I/O in workerd (see platform/lazy-routes.ts).
let sentry: SentryModule | undefined;
let wrapped: Handlers | undefined;

async function instrumented(options: Options, handlers: Handlers): Promise<Handlers> {
  if (wrapped) return wrapped;
  const module = await import("@sentry/cloudflare");
  sentry = module;
  wrapped ??= module.withSentry<Env>(options, { ...handlers }) as Handlers;
  return wrapped;
}

/** `handlers`, reported to Sentry when the environment has SENTRY_DSN (the SDK is imported then). */
export function withLazySentry(options: Options, handlers: Handlers): Handlers {
  return {
    fetch: (request, env, ctx) =>
      env.SENTRY_DSN
        ? instrumented(options, handlers).then((h) => h.fetch(request, env, ctx))
        : handlers.fetch(request, env, ctx),
    queue: (batch, env, ctx) =>
      env.SENTRY_DSN
        ? instrumented(options, handlers).then((h) => h.queue(batch, env, ctx))
        : handlers.queue(batch, env, ctx),
    scheduled: (controller, env, ctx) =>
      env.SENTRY_DSN
        ? instrumented(options, handlers).then((h) => h.scheduled(controller, env, ctx))
        : handlers.scheduled(controller, env, ctx),
  };
}

/** Reports an unhandled error to Sentry; a no-op unless SENTRY_DSN loaded and initialised it. */
export function captureException(err: unknown): void {
  sentry?.captureException(err);
}

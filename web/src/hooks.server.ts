import type { Handle, HandleServerError } from "@sveltejs/kit";
import { isLocale, LANG_COOKIE, negotiateLocale } from "$lib/i18n";
import { loadSessionUser } from "$lib/server/auth";
import { isApiPath, proxyToApi } from "$lib/server/proxy";
import { requestIdFrom } from "$lib/server/request-id";
import type { SessionUser } from "$lib/server/session";

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = requestIdFrom(event.request.headers);

  // The API is answered here, before routing: nothing of SvelteKit's page machinery touches it.
  if (isApiPath(event.url.pathname)) return proxyToApi(event);

  // The `lang` cookie (the language switcher) wins over Accept-Language.
  const chosen = event.cookies.get(LANG_COOKIE);
  event.locals.lang = isLocale(chosen) ? chosen : negotiateLocale(event.request.headers.get("accept-language"));

  // Asked at most once per request, and only by the load functions that need it.
  let user: Promise<SessionUser | null> | undefined;
  event.locals.user = () => {
    user ??= loadSessionUser(event);
    return user;
  };

  // app.html says lang="en"; the document announces the chosen language instead.
  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('<html lang="en">', `<html lang="${event.locals.lang}">`),
  });
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const requestId = event.locals.requestId;
  if (status >= 500) {
    console.error(
      JSON.stringify({
        level: "error",
        msg: "unhandled web error",
        requestId,
        method: event.request.method,
        path: event.url.pathname,
        status,
        error:
          error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      }),
    );
  }
  // `message` is SvelteKit's safe, generic text: internals never reach the page.
  return { message, requestId };
};

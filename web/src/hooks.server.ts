import type { Handle, HandleServerError } from "@sveltejs/kit";
import { isLocale, LANG_COOKIE, negotiateLocale } from "$lib/i18n";
import { loadSessionUser } from "$lib/server/auth";
import { crossSiteFormRefusal } from "$lib/server/form-origin";
import { describeError, logLine } from "$lib/server/log";
import { isApiPath, proxyToApi } from "$lib/server/proxy";
import { requestIdFrom } from "$lib/server/request-id";
import { withSecurityHeaders } from "$lib/server/security-headers";
import type { SessionUser } from "$lib/server/session";

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = requestIdFrom(event.request.headers);

  // The API is answered here, before routing: nothing of SvelteKit's page machinery touches it, and
  // its own guard decides about Origin (partners upload with an API key and no Origin).
  if (isApiPath(event.url.pathname)) return proxyToApi(event);

  // SvelteKit's own form-origin check is off (svelte.config.js) so that /api is exempt; pages keep it here.
  const refused = crossSiteFormRefusal(event.request, event.url);
  if (refused) return withSecurityHeaders(refused, event.url);

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
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('<html lang="en">', `<html lang="${event.locals.lang}">`),
  });
  return withSecurityHeaders(response, event.url);
};

export const handleError: HandleServerError = ({ error, event, status, message }) => {
  const requestId = event.locals.requestId;
  if (status >= 500) {
    logLine("error", "unhandled web error", {
      requestId,
      method: event.request.method,
      path: event.url.pathname,
      status,
      error: describeError(error, true),
    });
  }
  // `message` is SvelteKit's safe, generic text: internals never reach the page.
  return { message, requestId };
};

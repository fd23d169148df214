import type { Handle, HandleServerError } from "@sveltejs/kit";
import { negotiateLocale } from "$lib/i18n";
import { isApiPath, proxyToApi } from "$lib/server/proxy";
import { requestIdFrom } from "$lib/server/request-id";

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.requestId = requestIdFrom(event.request.headers);
  event.locals.lang = negotiateLocale(event.request.headers.get("accept-language"));

  // The API is answered here, before routing: nothing of SvelteKit's page machinery touches it.
  if (isApiPath(event.url.pathname)) return proxyToApi(event);

  // app.html says lang="en"; the document announces the negotiated language instead.
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

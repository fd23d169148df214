import { fail, redirect } from "@sveltejs/kit";
import { isLocale, LANG_COOKIE, type MessageKey } from "$lib/i18n";
import {
  createApiKey,
  getUsage,
  KEY_EXPIRY_DAYS,
  listApiKeys,
  revokeApiKey,
  SCOPES,
  type Scope,
} from "$lib/server/account";
import { ApiError } from "$lib/server/api";
import { signOut } from "$lib/server/auth";
import { logFailure } from "$lib/server/log";
import { redirectIfSignedOut } from "$lib/server/require-session";
import { listLinkedNumbers } from "$lib/server/whatsapp";
import type { Actions, PageServerLoad } from "./$types";
import { whatsappActions } from "./whatsapp-actions";

const ONE_YEAR = 60 * 60 * 24 * 365;

export const load: PageServerLoad = async (event) => {
  const { user } = await event.parent();
  // Independent reads, at once; either may fail without taking the page down.
  const [usage, keys, phones] = await Promise.allSettled([
    getUsage(event),
    listApiKeys(event),
    listLinkedNumbers(event),
  ]);
  for (const result of [usage, keys, phones]) {
    if (result.status === "rejected") {
      redirectIfSignedOut(result.reason, event.url);
      logFailure(event, "account read failed", result.reason);
    }
  }
  return {
    user,
    usage: usage.status === "fulfilled" ? usage.value : null,
    keys: keys.status === "fulfilled" ? keys.value.items : null,
    phones: phones.status === "fulfilled" ? phones.value.items : null,
    // Without JavaScript, ?revoke=<id> asks for confirmation in a server-rendered dialog.
    revoke: event.url.searchParams.get("revoke"),
  };
};

const isScope = (value: unknown): value is Scope =>
  typeof value === "string" && (SCOPES as readonly string[]).includes(value);

export const actions: Actions = {
  ...whatsappActions,
  language: async ({ request, cookies, url }) => {
    const lang = (await request.formData()).get("lang");
    if (!isLocale(lang)) return fail(400, { languageSaved: false });
    cookies.set(LANG_COOKIE, lang, {
      path: "/",
      maxAge: ONE_YEAR,
      sameSite: "lax",
      httpOnly: true,
      secure: url.protocol === "https:",
    });
    return { languageSaved: true };
  },
  createKey: async (event) => {
    const form = await event.request.formData();
    const name = String(form.get("name") ?? "").trim();
    const scopes = form.getAll("scopes").filter(isScope);
    const days = Number(form.get("expiresInDays") ?? 0);
    const errors: Partial<Record<"name" | "scopes", MessageKey>> = {};
    if (!name || name.length > 100) errors.name = "account.keys.error.name";
    if (!scopes.length) errors.scopes = "account.keys.error.scopes";
    if (errors.name || errors.scopes) return fail(400, { createKey: { name, scopes, errors } });
    try {
      const created = await createApiKey(event, {
        name,
        scopes: [...new Set(scopes)],
        ...((KEY_EXPIRY_DAYS as readonly number[]).includes(days) && days > 0 ? { expiresInDays: days } : {}),
      });
      // The secret travels to the page once, in this action's result; it is never stored by the web app.
      return { created: { id: created.id, name: created.name, key: created.key } };
    } catch (error) {
      redirectIfSignedOut(error, event.url);
      logFailure(event, "api key create failed", error);
      const field = error instanceof ApiError ? error.problem.errors[0]?.path : undefined;
      return fail(error instanceof ApiError && error.status < 500 ? error.status : 502, {
        createKey: {
          name,
          scopes,
          errors: field === "name" ? { name: "account.keys.error.name" as const } : {},
          error: "account.keys.error.generic" as const,
        },
      });
    }
  },
  revokeKey: async (event) => {
    const form = await event.request.formData();
    const id = String(form.get("id") ?? "");
    const name = String(form.get("name") ?? "");
    if (!id) return fail(400, { revokeKey: { error: "account.keys.error.generic" as const } });
    try {
      await revokeApiKey(event, id);
    } catch (error) {
      redirectIfSignedOut(error, event.url);
      // Already gone is what the student wanted.
      if (!(error instanceof ApiError && error.status === 404)) {
        logFailure(event, "api key revoke failed", error);
        return fail(502, { revokeKey: { error: "account.keys.error.generic" as const } });
      }
    }
    return { revoked: { id, name } };
  },
  signOut: async (event) => {
    await signOut(event);
    redirect(303, "/sign-in?signedOut=1");
  },
};

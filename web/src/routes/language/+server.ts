import { redirect } from "@sveltejs/kit";
import { isLocale, LANG_COOKIE } from "$lib/i18n";
import { safePath } from "$lib/safe-path";
import type { RequestHandler } from "./$types";

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language switcher's target: remember the choice, then go back where the student was. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData();
  const lang = form.get("lang");
  if (isLocale(lang)) {
    cookies.set(LANG_COOKIE, lang, {
      path: "/",
      maxAge: ONE_YEAR,
      sameSite: "lax",
      httpOnly: true,
      secure: url.protocol === "https:",
    });
  }
  redirect(303, safePath(form.get("redirectTo"), "/"));
};

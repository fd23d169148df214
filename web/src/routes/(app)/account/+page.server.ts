import { fail, redirect } from "@sveltejs/kit";
import { isLocale, LANG_COOKIE } from "$lib/i18n";
import { signOut } from "$lib/server/auth";
import type { Actions, PageServerLoad } from "./$types";

const ONE_YEAR = 60 * 60 * 24 * 365;

export const load: PageServerLoad = async ({ parent }) => {
  const { user } = await parent();
  return { user };
};

export const actions: Actions = {
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
  signOut: async (event) => {
    await signOut(event);
    redirect(303, "/sign-in?signedOut=1");
  },
};

import { redirect } from "@sveltejs/kit";
import { safePath } from "$lib/safe-path";
import type { LayoutServerLoad } from "./$types";

/** Signed-in students have nothing to do on these pages: send them on. */
export const load: LayoutServerLoad = async ({ locals, url }) => {
  if (await locals.user()) redirect(303, safePath(url.searchParams.get("next"), "/notebooks"));
};

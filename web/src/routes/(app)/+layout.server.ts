import { redirect } from "@sveltejs/kit";
import type { LayoutServerLoad } from "./$types";

/** Signed-in pages: without a session, go to sign-in and come back here afterwards. */
export const load: LayoutServerLoad = async ({ locals, url }) => {
  const user = await locals.user();
  if (!user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  return { user };
};

import type { LayoutServerLoad } from "./$types";

export const load: LayoutServerLoad = async ({ locals }) => ({ lang: locals.lang, user: await locals.user() });

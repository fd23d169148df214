import { error } from "@sveltejs/kit";
import { ApiError } from "$lib/server/api";
import { getNotebook } from "$lib/server/notebooks";
import { redirectIfSignedOut } from "$lib/server/require-session";
import type { LayoutServerLoad } from "./$types";

/** The notebook's header, read once for the workspace and every page under it (a quiz). */
export const load: LayoutServerLoad = async (event) => {
  try {
    const { id, title, description } = await getNotebook(event, event.params.id);
    return { notebook: { id, title, description } };
  } catch (err) {
    redirectIfSignedOut(err, event.url);
    if (err instanceof ApiError && err.status === 404) error(404, "Notebook not found");
    throw err;
  }
};

import { redirect } from "@sveltejs/kit";
import type { RequestHandler } from "./$types";

/** The study tools live in the workspace's Study panel now; old links and bookmarks land there. */
export const GET: RequestHandler = ({ params, url }) => {
  const query = new URLSearchParams(url.search);
  query.set("panel", "study");
  redirect(308, `/notebooks/${encodeURIComponent(params.id)}?${query}`);
};

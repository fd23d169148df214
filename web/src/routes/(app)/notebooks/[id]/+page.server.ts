import { error } from "@sveltejs/kit";
import { loadThreads } from "$lib/server/answers";
import { ApiError } from "$lib/server/api";
import { loadSources } from "$lib/server/documents";
import { getNotebook } from "$lib/server/notebooks";
import { redirectIfSignedOut } from "$lib/server/require-session";
import { countDue } from "$lib/server/study";
import type { PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const id = event.params.id;
  // All at once: the notebook, its sources and its threads are independent reads.
  const [notebook, sources, threads, due] = await Promise.allSettled([
    getNotebook(event, id),
    loadSources(event, id),
    loadThreads(event, id),
    countDue(event, id),
  ]);
  for (const result of [notebook, sources, threads, due]) {
    if (result.status === "rejected") redirectIfSignedOut(result.reason, event.url);
  }
  if (notebook.status === "rejected") {
    if (notebook.reason instanceof ApiError && notebook.reason.status === 404) error(404, "Notebook not found");
    throw notebook.reason;
  }
  const { id: notebookId, title, description } = notebook.value;
  return {
    notebook: { id: notebookId, title, description },
    sources:
      sources.status === "fulfilled" ? sources.value : { state: "failed" as const, requestId: event.locals.requestId },
    threads: threads.status === "fulfilled" ? threads.value : { state: "failed" as const },
    due: due.status === "fulfilled" ? due.value : null,
  };
};

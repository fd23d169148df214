import { fail, redirect } from "@sveltejs/kit";
import type { MessageKey } from "$lib/i18n";
import { NOTEBOOK_TITLE_MAX, type NotebookSummary } from "$lib/notebooks";
import { ApiError } from "$lib/server/api";
import { logFailure } from "$lib/server/log";
import { createNotebook, deleteNotebook, listNotebooks, updateNotebook } from "$lib/server/notebooks";
import { redirectIfSignedOut } from "$lib/server/require-session";
import type { Actions, PageServerLoad } from "./$types";

const summary = (n: NotebookSummary): NotebookSummary => ({ id: n.id, title: n.title, createdAt: n.createdAt });

export const load: PageServerLoad = async (event) => {
  try {
    const page = await listNotebooks(event, event.url.searchParams.get("cursor"));
    return { notebooks: page.items.map(summary), nextCursor: page.nextCursor, loadFailed: false };
  } catch (error) {
    redirectIfSignedOut(error, event.url);
    logFailure(event, "notebook list failed", error);
    return { notebooks: [] as NotebookSummary[], nextCursor: null, loadFailed: true };
  }
};

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function titleError(title: string): MessageKey | undefined {
  if (!title) return "notebooks.error.titleRequired";
  if (title.length > NOTEBOOK_TITLE_MAX) return "notebooks.error.titleLong";
  return undefined;
}

/** The API's refusal, in the student's words. */
function apiErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError) {
    if (error.status === 404) return "notebooks.error.notFound";
    if (error.status === 422 && error.problem.errors.some((e) => e.path.endsWith("title"))) {
      return "notebooks.error.titleRequired";
    }
  }
  return "notebooks.error.generic";
}

export const actions: Actions = {
  create: async (event) => {
    const title = field(await event.request.formData(), "title").trim();
    const invalid = titleError(title);
    if (invalid) return fail(400, { create: { title, error: invalid } });
    let created: NotebookSummary;
    try {
      created = await createNotebook(event, { title });
    } catch (error) {
      redirectIfSignedOut(error, event.url);
      return fail(error instanceof ApiError ? error.status : 500, { create: { title, error: apiErrorKey(error) } });
    }
    // A new notebook is opened at once: the next thing a student does is add sources to it.
    redirect(303, `/notebooks/${encodeURIComponent(created.id)}?panel=sources`);
  },

  rename: async (event) => {
    const form = await event.request.formData();
    const id = field(form, "id");
    const title = field(form, "title").trim();
    const invalid = titleError(title);
    if (invalid) return fail(400, { rename: { id, title, error: invalid } });
    try {
      const notebook = await updateNotebook(event, id, { title });
      return { renamed: summary(notebook) };
    } catch (error) {
      redirectIfSignedOut(error, event.url);
      return fail(error instanceof ApiError ? error.status : 500, { rename: { id, title, error: apiErrorKey(error) } });
    }
  },

  delete: async (event) => {
    const form = await event.request.formData();
    const id = field(form, "id");
    const title = field(form, "title");
    try {
      await deleteNotebook(event, id);
      return { deleted: { id, title } };
    } catch (error) {
      redirectIfSignedOut(error, event.url);
      return fail(error instanceof ApiError ? error.status : 500, { remove: { id, error: apiErrorKey(error) } });
    }
  },
};

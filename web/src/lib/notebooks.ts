/** What the browser needs of a notebook. */
export type NotebookSummary = { id: string; title: string; createdAt: string };

export { NOTEBOOK_TITLE_MAX } from "$schemas/limits";

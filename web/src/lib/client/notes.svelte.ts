/**
 * A notebook's notes in the browser: one instance per notebook page, shared by the notes panel and every
 * "Save as note" button, so a saved answer appears in the panel at once. Calls go through the typed client
 * ($lib/client/api, same-origin /api/*). Failures leave the list as it was and return false; the panel
 * shows why.
 */
import type { components } from "$lib/api-types";
import { api } from "./api";

export type Note = components["schemas"]["Note"];
export type NoteDocument = components["schemas"]["Document"];
export type NotesStatus = "idle" | "loading" | "ready" | "failed" | "unavailable";

/** Why the last change failed: `full` (1,000 notes), `invalid` (too long, empty), `rateLimited`, or `generic`. */
export type NotesFailure = "full" | "invalid" | "rateLimited" | "quota" | "generic";

const failureOf = (status: number): NotesFailure =>
  status === 409
    ? "full"
    : status === 422 || status === 413
      ? "invalid"
      : status === 429
        ? "rateLimited"
        : status === 402
          ? "quota"
          : "generic";

export class NotebookNotes {
  items = $state<Note[]>([]);
  status = $state<NotesStatus>("idle");
  failure = $state<NotesFailure | null>(null);
  readonly notebookId: string;

  constructor(notebookId: string) {
    this.notebookId = notebookId;
  }

  /** The first 100 notes, the most recently edited first (a notebook rarely holds more on one screen). */
  async load(): Promise<void> {
    this.status = "loading";
    try {
      const { data, response } = await api.GET("/v1/notebooks/{notebookId}/notes", {
        params: { path: { notebookId: this.notebookId }, query: { limit: 100 } },
      });
      if (response.status === 404 && !data) {
        this.status = "unavailable";
        return;
      }
      if (!data) throw new Error(`notes answered ${response.status}`);
      this.items = data.items;
      this.status = "ready";
    } catch {
      this.status = "failed";
    }
  }

  #put(note: Note) {
    this.items = [note, ...this.items.filter((n) => n.id !== note.id)];
  }

  async #done<T>(call: Promise<{ data?: T; response: Response }>): Promise<T | undefined> {
    this.failure = null;
    try {
      const { data, response } = await call;
      if (response.ok && data !== undefined) return data;
      this.failure = failureOf(response.status);
    } catch {
      this.failure = "generic";
    }
    return undefined;
  }

  /** A note written by hand; the title defaults to its first line. */
  async create(input: { title?: string; text: string }): Promise<Note | undefined> {
    const note = await this.#done(
      api.POST("/v1/notebooks/{notebookId}/notes", { params: { path: { notebookId: this.notebookId } }, body: input }),
    );
    if (note) this.#put(note);
    return note;
  }

  /**
   * Saves an answer of a conversation with its citations. The chat knows the answer's text and thread, not
   * the stored message's id: the thread is read back and its latest assistant message with that text is saved
   * (the latest answer when none matches, e.g. a stream that was cut).
   */
  async saveAnswer(input: { threadId: string; answerText: string; title?: string }): Promise<Note | undefined> {
    const thread = await this.#done(
      api.GET("/v1/threads/{threadId}", { params: { path: { threadId: input.threadId } } }),
    );
    if (!thread) return undefined;
    const answers = thread.messages.filter((m) => m.role === "assistant");
    const wanted = input.answerText.trim();
    const message = answers.findLast((m) => m.text.trim() === wanted) ?? answers.at(-1);
    if (!message) {
      this.failure = "generic";
      return undefined;
    }
    const note = await this.#done(
      api.POST("/v1/notebooks/{notebookId}/notes", {
        params: { path: { notebookId: this.notebookId } },
        body: { messageId: message.id, ...(input.title ? { title: input.title } : {}) },
      }),
    );
    if (note) this.#put(note);
    return note;
  }

  async update(noteId: string, patch: { title?: string; text?: string }): Promise<Note | undefined> {
    const note = await this.#done(api.PATCH("/v1/notes/{noteId}", { params: { path: { noteId } }, body: patch }));
    if (note) this.#put(note);
    return note;
  }

  async remove(noteId: string): Promise<boolean> {
    this.failure = null;
    try {
      const { response } = await api.DELETE("/v1/notes/{noteId}", { params: { path: { noteId } } });
      if (response.ok || response.status === 404) {
        this.items = this.items.filter((n) => n.id !== noteId);
        return true;
      }
      this.failure = failureOf(response.status);
    } catch {
      this.failure = "generic";
    }
    return false;
  }

  /** Adds the note as a source of the notebook; the document is processed like any upload. */
  async toSource(noteId: string): Promise<NoteDocument | undefined> {
    const document = await this.#done(api.POST("/v1/notes/{noteId}/source", { params: { path: { noteId } } }));
    if (document) {
      this.items = this.items.map((n) => (n.id === noteId ? { ...n, sourceDocumentId: document.id } : n));
    }
    return document;
  }
}

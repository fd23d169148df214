import { error, fail } from "@sveltejs/kit";
import { ApiError } from "$lib/server/api";
import { getNotebook } from "$lib/server/notebooks";
import { redirectIfSignedOut } from "$lib/server/require-session";
import {
  createCard,
  createGuide,
  generateCards,
  generateQuiz,
  listDueCards,
  listQuizzes,
  logStudyError,
  reviewCard,
  studentTimeZone,
  studyFailure,
} from "$lib/server/study";
import { RATINGS, type Rating } from "../../../../../../../schemas/study";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const id = event.params.id;
  const timeZone = studentTimeZone(event);
  const [notebook, due, quizzes] = await Promise.allSettled([
    getNotebook(event, id),
    listDueCards(event, id, timeZone),
    listQuizzes(event, id),
  ]);
  for (const result of [notebook, due, quizzes]) {
    if (result.status === "rejected") redirectIfSignedOut(result.reason, event.url);
  }
  if (notebook.status === "rejected") {
    if (notebook.reason instanceof ApiError && notebook.reason.status === 404) error(404, "Notebook not found");
    throw notebook.reason;
  }
  if (due.status === "rejected") logStudyError(event, "due cards failed", due.reason);
  if (quizzes.status === "rejected") logStudyError(event, "quiz list failed", quizzes.reason);
  const { id: notebookId, title, description } = notebook.value;
  return {
    notebook: { id: notebookId, title, description },
    timeZone,
    due:
      due.status === "fulfilled"
        ? { state: "ok" as const, cards: due.value.items, more: due.value.nextCursor !== null }
        : { state: "failed" as const },
    quizzes:
      quizzes.status === "fulfilled"
        ? { state: "ok" as const, items: quizzes.value.items }
        : { state: "failed" as const },
  };
};

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === "string" ? value.trim() : "";
};

export const actions: Actions = {
  /** A card written by hand. */
  createCard: async (event) => {
    const data = await event.request.formData();
    const front = field(data, "front");
    const back = field(data, "back");
    const errors: { front?: "required" | "long"; back?: "required" | "long" } = {};
    if (!front) errors.front = "required";
    else if (front.length > 1000) errors.front = "long";
    if (!back) errors.back = "required";
    else if (back.length > 4000) errors.back = "long";
    if (errors.front || errors.back) return fail(400, { form: "createCard" as const, front, back, errors });
    try {
      const card = await createCard(event, event.params.id, { front, back });
      return { form: "createCard" as const, created: card.id };
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      logStudyError(event, "create card failed", err);
      const failure = studyFailure(err);
      return fail(failure.status, { form: "createCard" as const, front, back, errors, reason: failure.reason });
    }
  },

  /** Rates a card; answers the next due time. */
  review: async (event) => {
    const data = await event.request.formData();
    const cardId = field(data, "cardId");
    const rating = field(data, "rating") as Rating;
    if (!cardId || !RATINGS.includes(rating)) return fail(400, { form: "review" as const, reason: "invalid" as const });
    try {
      const result = await reviewCard(event, cardId, rating);
      return {
        form: "review" as const,
        cardId,
        rating,
        nextDue: result.nextDue,
        scheduledDays: result.scheduledDays,
      };
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      logStudyError(event, "review failed", err);
      return fail(studyFailure(err).status, { form: "review" as const, cardId, reason: studyFailure(err).reason });
    }
  },

  generateCards: async (event) => {
    try {
      const result = await generateCards(event, event.params.id);
      return { form: "generateCards" as const, generated: result.items.length, duplicates: result.skipped.duplicates };
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      logStudyError(event, "generate cards failed", err);
      const failure = studyFailure(err);
      return fail(failure.status, { form: "generateCards" as const, reason: failure.reason });
    }
  },

  generateQuiz: async (event) => {
    try {
      const quiz = await generateQuiz(event, event.params.id);
      return { form: "generateQuiz" as const, quizId: quiz.id, title: quiz.title };
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      logStudyError(event, "generate quiz failed", err);
      const failure = studyFailure(err);
      return fail(failure.status, { form: "generateQuiz" as const, reason: failure.reason });
    }
  },

  guide: async (event) => {
    try {
      const guide = await createGuide(event, event.params.id);
      return { form: "guide" as const, guide };
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      logStudyError(event, "study guide failed", err);
      const failure = studyFailure(err);
      return fail(failure.status, { form: "guide" as const, reason: failure.reason });
    }
  },
};

import { error, fail } from "@sveltejs/kit";
import { ApiError } from "$lib/server/api";
import { redirectIfSignedOut } from "$lib/server/require-session";
import { type CreateAttemptDto, getQuiz, logStudyError, studyFailure, submitAttempt } from "$lib/server/study";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = async (event) => {
  const [{ notebook }, quiz] = await Promise.all([
    event.parent(),
    getQuiz(event, event.params.quizId).catch((err: unknown) => {
      redirectIfSignedOut(err, event.url);
      if (err instanceof ApiError && err.status === 404) error(404, "Quiz not found");
      throw err;
    }),
  ]);
  if (quiz.notebookId !== notebook.id) error(404, "Quiz not found");
  return { quiz };
};

export const actions: Actions = {
  attempt: async (event) => {
    const data = await event.request.formData();
    let quiz: Awaited<ReturnType<typeof getQuiz>>;
    try {
      quiz = await getQuiz(event, event.params.quizId);
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      throw err;
    }
    const answers: CreateAttemptDto["answers"] = [];
    for (const question of quiz.questions) {
      const value = data.get(`q-${question.id}`);
      if (typeof value !== "string" || value.trim() === "") continue;
      if (question.kind === "multiple_choice") {
        const choice = Number.parseInt(value, 10);
        if (Number.isInteger(choice) && choice >= 0 && choice <= 9) answers.push({ questionId: question.id, choice });
      } else {
        answers.push({ questionId: question.id, text: value.trim().slice(0, 2000) });
      }
    }
    try {
      const attempt = await submitAttempt(event, quiz.id, { answers });
      return { attempt };
    } catch (err) {
      redirectIfSignedOut(err, event.url);
      logStudyError(event, "quiz attempt failed", err);
      return fail(studyFailure(err).status, { reason: studyFailure(err).reason });
    }
  },
};

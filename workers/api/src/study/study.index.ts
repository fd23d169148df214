/** The study tools' routes, mounted at /v1: flashcards and reviews, quizzes and attempts, study guides. */
import { createRouter } from "../platform/create-router";
import { flashcardsRouter } from "./flashcards/flashcards.index";
import { guideRouter } from "./guide/guide.index";
import { quizzesRouter } from "./quizzes/quizzes.index";

export const studyRouter = createRouter()
  .route("/", flashcardsRouter)
  .route("/", quizzesRouter)
  .route("/", guideRouter);

/** English is the source dictionary: its keys define `MessageKey`, and every other locale must match them. */
export const en = {
  "app.name": "studyAI",
  "app.skipToContent": "Skip to content",
  "nav.label": "Account",
  "nav.signIn": "Sign in",
  "nav.signUp": "Create account",
  "home.title": "studyAI: study from your own material",
  "home.description":
    "Turn your PDFs, notes and web pages into answers with page-precise citations, flashcards and quizzes.",
  "home.tagline": "Study from your own material",
  "home.lead":
    "Put your PDFs, notes and web pages into a notebook. studyAI reads them, answers your questions with citations that open the exact page, and turns them into flashcards scheduled by spaced repetition, quizzes and study guides — in your language.",
  "home.cta": "Create a free account",
  "home.haveAccount": "Already studying with us?",
  "status.label": "Service status",
  "status.ok": "All systems working · version {version}",
  "status.checkedAt": "checked at {time} UTC",
  "status.down": "We can't reach the study service right now.",
  "status.downHint": "Your notebooks are safe. Please try again in a minute.",
  "status.retry": "Check again",
  "error.title": "Something went wrong",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "The page you are looking for does not exist or has moved.",
  "error.generic.body": "An unexpected error stopped this page. It is not your fault, and nothing you saved was lost.",
  "error.code": "Error {status}",
  "error.reference": "Reference for support: {id}",
  "error.home": "Back to the home page",
  "footer.tagline": "studyAI — learn from what you read.",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

import { fail } from "@sveltejs/kit";
import type { ApiEvent } from "./api";
import { redirectIfSignedOut } from "./require-session";
import { logStudyError, studyFailure } from "./study";

/**
 * One study form action's shape: run the API call, answer `{ form, ...result }`; on failure send a signed-out
 * student to sign in, log what was unexpected, and answer `fail(status, { form, reason, ...kept })` so the
 * form can say why (and keep what the student typed).
 */
export async function studyAction<F extends string, R extends object, K extends object = object>(
  event: ApiEvent & { url: URL },
  form: F,
  run: () => Promise<R>,
  kept?: K,
) {
  try {
    return { form, ...(await run()) };
  } catch (err) {
    redirectIfSignedOut(err, event.url);
    logStudyError(event, `${form} failed`, err);
    const { status, reason } = studyFailure(err);
    return fail(status, { form, reason, ...(kept ?? ({} as K)) });
  }
}

/** The sources a study form was limited to (its `documentIds` fields); undefined when it names none. */
export function chosenSources(data: FormData): string[] | undefined {
  const ids = data.getAll("documentIds").filter((v): v is string => typeof v === "string" && v.length > 0);
  return ids.length ? ids : undefined;
}

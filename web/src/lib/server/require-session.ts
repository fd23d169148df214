import { redirect } from "@sveltejs/kit";
import { ApiError } from "./api";

/**
 * The API answered 401: the session ended between the guard and this call (expired or revoked
 * elsewhere). Send the student to sign in and back, instead of showing an error.
 */
export function redirectIfSignedOut(error: unknown, url: URL): void {
  if (error instanceof ApiError && error.status === 401) {
    redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
}

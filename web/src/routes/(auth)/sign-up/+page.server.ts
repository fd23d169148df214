import { fail, redirect } from "@sveltejs/kit";
import { safePath } from "$lib/safe-path";
import { signUp } from "$lib/server/auth";
import { type AuthFormFailure, authFailure, readAuthForm, validateAuthForm } from "$lib/server/auth-form";
import type { Actions } from "./$types";

export const actions: Actions = {
  default: async (event) => {
    const { name, email, password } = readAuthForm(await event.request.formData());
    const values = { name, email };
    const errors = validateAuthForm({ name, email, password });
    if (Object.keys(errors).length) return fail(400, { values, errors } as AuthFormFailure);

    // better-auth signs the new account in straight away (autoSignIn): its Set-Cookie is forwarded.
    const result = await signUp(event, { name, email, password });
    if (!result.ok) {
      const failure: AuthFormFailure = { values, ...authFailure(result.status, result.problem) };
      return fail(result.status === 429 ? 429 : 400, failure);
    }
    redirect(303, safePath(event.url.searchParams.get("next"), "/notebooks"));
  },
};

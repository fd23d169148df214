import { fail, redirect } from "@sveltejs/kit";
import type { MessageKey } from "$lib/i18n";
import { safePath } from "$lib/safe-path";
import { signIn } from "$lib/server/auth";
import { type AuthFormFailure, authFailure, readAuthForm, validateAuthForm } from "$lib/server/auth-form";
import type { Actions, PageServerLoad } from "./$types";

export const load: PageServerLoad = ({ url }) => {
  const notice: MessageKey | null = url.searchParams.has("signedOut")
    ? "auth.signIn.signedOut"
    : url.searchParams.has("next")
      ? "auth.signIn.needed"
      : null;
  return { notice };
};

export const actions: Actions = {
  default: async (event) => {
    const { email, password } = readAuthForm(await event.request.formData());
    const values = { email };
    const errors = validateAuthForm({ email, password });
    if (Object.keys(errors).length) return fail(400, { values, errors } as AuthFormFailure);

    const result = await signIn(event, { email, password });
    if (!result.ok) {
      const failure: AuthFormFailure = { values, ...authFailure(result.status, result.problem) };
      return fail(result.status === 429 ? 429 : 400, failure);
    }
    redirect(303, safePath(event.url.searchParams.get("next"), "/notebooks"));
  },
};

/**
 * Validation and error wording for the sign-in and sign-up forms. Checks run here first so the student
 * gets messages in their language; the API validates again and its answers map onto the same messages.
 * Errors are message keys, translated by the page.
 */
import type { MessageKey } from "$lib/i18n";
import type { ProblemInfo } from "./api";

export type AuthField = "name" | "email" | "password";
export type AuthFormErrors = Partial<Record<AuthField, MessageKey>>;
export type AuthFormFailure = {
  values: { name?: string; email: string };
  errors: AuthFormErrors;
  formError?: MessageKey;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readAuthForm(form: FormData) {
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : "";
  };
  return { name: text("name").trim(), email: text("email").trim(), password: text("password") };
}

export function validateAuthForm(input: { name?: string; email: string; password: string }): AuthFormErrors {
  const errors: AuthFormErrors = {};
  if (input.name !== undefined) {
    if (!input.name) errors.name = "auth.error.nameRequired";
    else if (input.name.length > 100) errors.name = "auth.error.nameLong";
  }
  if (!EMAIL.test(input.email) || input.email.length > 254) errors.email = "auth.error.emailInvalid";
  if (input.password.length < 8) errors.password = "auth.error.passwordShort";
  else if (input.password.length > 128) errors.password = "auth.error.passwordLong";
  return errors;
}

const FIELD_MESSAGES: Record<AuthField, MessageKey> = {
  name: "auth.error.nameRequired",
  email: "auth.error.emailInvalid",
  password: "auth.error.passwordShort",
};

/** Turns the API's refusal (better-auth codes, problem+json field errors, status) into form errors. */
export function authFailure(status: number, problem: ProblemInfo): Pick<AuthFormFailure, "errors" | "formError"> {
  switch (problem.code) {
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return { errors: { email: "auth.error.emailTaken" } };
    case "INVALID_EMAIL_OR_PASSWORD":
    case "INVALID_PASSWORD":
    case "USER_NOT_FOUND":
    case "CREDENTIAL_ACCOUNT_NOT_FOUND":
      return { errors: {}, formError: "auth.error.invalidCredentials" };
    case "INVALID_EMAIL":
      return { errors: { email: "auth.error.emailInvalid" } };
    case "PASSWORD_TOO_SHORT":
      return { errors: { password: "auth.error.passwordShort" } };
    case "PASSWORD_TOO_LONG":
      return { errors: { password: "auth.error.passwordLong" } };
  }
  // The API's strength check (zxcvbn): a 422 problem of type weak-password, field password.
  if (problem.type?.endsWith("/weak-password")) return { errors: { password: "auth.error.passwordWeak" } };
  if (status === 429) return { errors: {}, formError: "auth.error.tooMany" };
  if (status === 401) return { errors: {}, formError: "auth.error.invalidCredentials" };
  const errors: AuthFormErrors = {};
  for (const { path } of problem.errors) {
    const field = path.split(".").at(-1);
    if (field === "name" || field === "email" || field === "password") errors[field] = FIELD_MESSAGES[field];
  }
  if (Object.keys(errors).length) return { errors };
  return { errors: {}, formError: "auth.error.generic" };
}

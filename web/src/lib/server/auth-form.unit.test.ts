import { describe, expect, it } from "vitest";
import { authFailure, validateAuthForm } from "./auth-form";

describe("auth form", () => {
  it("checks each field before asking the API", () => {
    expect(validateAuthForm({ name: "", email: "nope", password: "short" })).toEqual({
      name: "auth.error.nameRequired",
      email: "auth.error.emailInvalid",
      password: "auth.error.passwordShort",
    });
    expect(validateAuthForm({ email: "ana@example.com", password: "long enough" })).toEqual({});
  });

  it("maps better-auth codes, statuses and problem field errors to messages", () => {
    expect(authFailure(422, { code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", errors: [] })).toEqual({
      errors: { email: "auth.error.emailTaken" },
    });
    expect(authFailure(401, { code: "INVALID_EMAIL_OR_PASSWORD", errors: [] })).toEqual({
      errors: {},
      formError: "auth.error.invalidCredentials",
    });
    expect(authFailure(429, { errors: [] }).formError).toBe("auth.error.tooMany");
    expect(authFailure(422, { errors: [{ path: "password", message: "too short" }] })).toEqual({
      errors: { password: "auth.error.passwordShort" },
    });
    expect(authFailure(500, { errors: [] }).formError).toBe("auth.error.generic");
    // The API's strength check: shown on the password field, in the student's language.
    const weak = { type: "https://studyai.dev/problems/weak-password", errors: [{ path: "password", message: "x" }] };
    expect(authFailure(422, weak)).toEqual({ errors: { password: "auth.error.passwordWeak" } });
  });
});

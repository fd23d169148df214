/**
 * Password strength: zxcvbn-ts with its common-password list, keyboard patterns, dates and repeats, so
 * `12345678`, `password` or `qwertyui` are refused however long the minimum length is. Score 2 of 4
 * ("safe from online guessing"; at least ~10^6 guesses) is the floor: sign-in is rate-limited and hashes
 * are scrypt, and a random 8-character password still passes, so the 8-character hint stays true.
 * The student's name and email count as guessable words (a password made from them is weak).
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { Problem } from "../platform/problem";

export const MIN_PASSWORD_SCORE = 2;

let estimator: ZxcvbnFactory | undefined;

/** zxcvbn's score (0–4) for `password`; `userInputs` are words of this account (name, email). */
export function passwordScore(password: string, userInputs: string[] = []): number {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const words = userInputs.flatMap((input) => [input, ...input.split(/[\s@._+-]+/)]).filter((w) => w.length >= 3);
  return estimator.check(password, words).score;
}

const WEAK_PASSWORD_DETAIL =
  "This password is too easy to guess. Use a few unrelated words or a longer mix; avoid common passwords, sequences like 12345678 and your name or email.";

/** The 422 problem for a weak password (type `weak-password`; the web app shows it in the student's language). */
export function weakPassword(field = "password") {
  return new Problem({
    status: 422,
    type: "weak-password",
    title: "Password too weak",
    detail: WEAK_PASSWORD_DETAIL,
    errors: [{ path: field, message: WEAK_PASSWORD_DETAIL }],
  });
}

import type { SubmitFunction } from "@sveltejs/kit";
import { tick } from "svelte";

/**
 * `use:enhance` behaviour shared by our forms: reports when a submission is in flight (to disable the
 * button and say so), and after a refused submission moves focus to the first invalid field — or to the
 * form's error message — so keyboard and screen-reader users land on what needs fixing.
 */
export function submitWithFocus(
  setPending: (pending: boolean) => void,
  options: { reset?: boolean } = {},
): SubmitFunction {
  return ({ formElement }) => {
    setPending(true);
    return async ({ result, update }) => {
      await update({ reset: options.reset ?? true });
      setPending(false);
      if (result.type !== "failure") return;
      await tick();
      const target =
        formElement.querySelector<HTMLElement>('[aria-invalid="true"]') ??
        formElement.querySelector<HTMLElement>("[data-form-error]");
      target?.focus();
    };
  };
}

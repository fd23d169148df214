import type { Hook } from "@hono/zod-openapi";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { invalidInput } from "./problem";

/** Invalid input (body, query, params, headers) becomes one 422 problem listing every field. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
export const validationHook: Hook<any, AppEnv, any, any> = (result) => {
  if (!result.success) {
    throw invalidInput(
      result.error.issues.map((issue) => ({
        path: issue.path.length ? issue.path.join(".") : result.target,
        message: issue.message,
      })),
    );
  }
};

/** One router per resource, all sharing the validation hook. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

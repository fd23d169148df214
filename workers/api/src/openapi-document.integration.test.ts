/**
 * The committed OpenAPI document (schemas/openapi.json) is what the web app's typed client is generated
 * from (web/src/lib/api-types.ts, by `npm run api:types`). This test proves it is the document the code
 * publishes today; `npm run api:types` rewrites it (this test with --update) and then the types.
 */
import { describe, expect, it } from "vitest";
import { call } from "../test/helpers";

describe("the committed OpenAPI document", () => {
  it("is the one /v1/openapi.json serves (else run `npm run api:types`)", async () => {
    const res = await call("/v1/openapi.json");
    expect(res.status).toBe(200);
    const text = `${JSON.stringify(await res.json(), null, 2)}\n`;
    await expect(text).toMatchFileSnapshot(
      "../../../schemas/openapi.json",
      "schemas/openapi.json is stale: run `npm run api:types` and commit schemas/openapi.json and web/src/lib/api-types.ts",
    );
  });
});

/// <reference types="vite/client" />
/**
 * OpenAPI component names are unique: two zod schemas registered under one name make the generator keep
 * one of them silently (the study citation once replaced the answer citation in `Answer.citations`).
 */
import { getRefId } from "@asteasolutions/zod-to-openapi";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import document from "./openapi.json";

const modules = import.meta.glob<Record<string, unknown>>("./*.ts", { eager: true });

const isZod = (value: unknown): value is ZodType => typeof value === "object" && value !== null && "_zod" in value;

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
};
const components = (document as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;
const resolve = (schema: Schema | undefined): Schema | undefined =>
  schema?.$ref ? components[schema.$ref.replace("#/components/schemas/", "")] : schema;

describe("OpenAPI components", () => {
  it("gives every named zod schema in schemas/ its own name", () => {
    const byName = new Map<string, Set<ZodType>>();
    for (const [file, exports] of Object.entries(modules)) {
      if (file.includes(".test.")) continue;
      for (const value of Object.values(exports)) {
        if (!isZod(value)) continue;
        const name = getRefId(value);
        if (name) byName.set(name, (byName.get(name) ?? new Set()).add(value));
      }
    }
    expect(byName.size).toBeGreaterThan(20);
    const duplicates = [...byName].filter(([, schemas]) => schemas.size > 1).map(([name]) => name);
    expect(duplicates).toEqual([]);
  });

  it("publishes answer citations with their marker, page and quote", () => {
    const answer = components.Answer;
    const item = resolve(resolve(answer?.properties?.citations)?.items);
    expect(item?.required).toEqual(expect.arrayContaining(["n", "page", "quote", "pageStart", "pageEnd", "chunkId"]));
    expect(item?.properties?.page?.type).toBe("integer");
    const thread = resolve(resolve(components.ThreadMessage?.properties?.citations)?.items);
    expect(thread).toEqual(item);
  });
});

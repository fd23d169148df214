/** The notebook's first look: what its sources cover and questions worth asking, cached per content version. */
import { z } from "@hono/zod-openapi";
import { CitationSchema } from "./study";

export const OverviewSourceSchema = z
  .object({
    documentId: z.string(),
    documentTitle: z.string(),
    pageCount: z.number().int(),
    headings: z.array(z.string()).openapi({ description: "The document's section headings, in order (at most 8)" }),
    keyPhrases: z
      .array(z.string())
      .openapi({ description: "Its most frequent distinctive phrases, most frequent first (at most 6)" }),
  })
  .openapi("OverviewSource");

export const OverviewPointSchema = z
  .object({ text: z.string(), citations: z.array(CitationSchema) })
  .openapi("OverviewPoint", { description: "One sentence of the generated summary with the pages it rests on" });

export const SuggestedQuestionSchema = z
  .object({
    question: z.string(),
    citations: z
      .array(CitationSchema)
      .openapi({ description: "Passages the notebook's own search retrieves for it (never empty)" }),
  })
  .openapi("SuggestedQuestion");

export const OverviewSchema = z
  .object({
    notebookId: z.string(),
    contentVersion: z.number().int(),
    mode: z.enum(["generated", "extractive"]).openapi({
      description:
        "generated: summary and questions written by a language model, cited; extractive: no model — built from the documents' headings and key phrases, no summary prose",
    }),
    cached: z.boolean(),
    summary: z.array(OverviewPointSchema).openapi({ description: "Generated mode only; empty when extractive" }),
    sources: z.array(OverviewSourceSchema).openapi({ description: "The notebook's ready documents" }),
    questions: z.array(SuggestedQuestionSchema).openapi({
      description: "3 to 5 when the material allows (fewer for a tiny notebook, none without ready documents)",
    }),
    model: z.object({ provider: z.string(), model: z.string() }).nullable(),
    reason: z.string().nullable().openapi({
      description:
        "Why there is no generated overview, as a problem type: `no-language-model`, `ai-budget-exhausted`, `ai-allowance-exhausted`, `model-unavailable`, `model-output-invalid`; null when generated",
    }),
    notice: z
      .string()
      .nullable()
      .openapi({ description: "Why the overview is extractive (no model configured, the model failed), or null" }),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("NotebookOverview");

export type OverviewDto = z.infer<typeof OverviewSchema>;
export type OverviewSourceDto = z.infer<typeof OverviewSourceSchema>;
export type SuggestedQuestionDto = z.infer<typeof SuggestedQuestionSchema>;
export type OverviewPointDto = z.infer<typeof OverviewPointSchema>;

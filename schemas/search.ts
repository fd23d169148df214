import { z } from "@hono/zod-openapi";

export const SEARCH_MODES = ["hybrid", "keyword", "semantic"] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

export const MAX_QUERY_LENGTH = 1_000;

const documentIds = z
  .array(z.string().min(1).max(64))
  .max(50)
  .optional()
  .openapi({ description: "Only these documents of the notebook (at most 50)" });

export const SearchRequestSchema = z
  .object({
    query: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
      .openapi({ example: "probable cause of the accident" }),
    limit: z.number().int().min(1).max(50).default(10),
    mode: z.enum(SEARCH_MODES).default("hybrid"),
    documentIds,
  })
  .openapi("SearchRequest");

export const SearchResultSchema = z
  .object({
    chunkId: z.string().openapi({ description: "The best chunk of the result; citations point to chunks" }),
    chunkIds: z.array(z.string()).openapi({ description: "Overlapping neighbour chunks merged into this result" }),
    documentId: z.string(),
    documentTitle: z.string(),
    pageStart: z.number().int(),
    pageEnd: z.number().int(),
    text: z.string(),
    highlights: z
      .array(z.tuple([z.number().int(), z.number().int()]))
      .openapi({ description: "Half-open [start, end) UTF-16 offsets into `text` where query terms occur" }),
    score: z.number().openapi({ description: "Higher is better; comparable only within one response" }),
  })
  .openapi("SearchResult");

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    mode: z.enum(SEARCH_MODES).openapi({ description: "The mode actually used" }),
    requestedMode: z.enum(SEARCH_MODES),
    fallbackReason: z
      .string()
      .nullable()
      .openapi({ description: "Why the requested mode could not be used (e.g. semantic search unavailable)" }),
    results: z.array(SearchResultSchema),
  })
  .openapi("SearchResponse");

export type SearchRequestDto = z.infer<typeof SearchRequestSchema>;
export type SearchResultDto = z.infer<typeof SearchResultSchema>;
export type SearchResponseDto = z.infer<typeof SearchResponseSchema>;

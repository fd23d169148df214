/** The concept map's DTOs: the map (nodes, edges, communities) and one concept with its neighbours and passages. */
import { z } from "@hono/zod-openapi";

export const MAP_DEFAULT_NODES = 150;
export const MAP_MAX_NODES = 300;

export const ConceptCitationSchema = z
  .object({
    documentId: z.string(),
    page: z.number().int(),
    chunkId: z.string().openapi({ example: "doc_01jd0c2v9x3f7k2m4q8r6t1w5y:3" }),
  })
  .openapi("ConceptCitation", { description: "A page that mentions the concept" });

export const ConceptNodeSchema = z
  .object({
    id: z.string().openapi({ example: "cpt_4f1c2a9e0b7d3c5a8e21" }),
    label: z.string().openapi({ example: "Federal Aviation Administration (FAA)" }),
    weight: z.number().int().openapi({ description: "Sentences mentioning the concept (in the selected documents)" }),
    communityId: z.string().nullable(),
    citations: z.array(ConceptCitationSchema).openapi({ description: "Up to three pages mentioning it" }),
  })
  .openapi("ConceptNode");

export const ConceptEdgeSchema = z
  .object({
    source: z.string(),
    target: z.string(),
    weight: z
      .number()
      .openapi({ description: "Normalised PMI of the two concepts over the notebook's sentences (0–1]" }),
    relation: z.string().optional().openapi({ description: "A typed relation, when a model extracted one" }),
    relationFrom: z.string().optional().openapi({ description: "The id of the relation's subject (source or target)" }),
    evidence: z
      .object({ chunkId: z.string(), quote: z.string() })
      .optional()
      .openapi({ description: "The chunk whose words state the relation, and those words (checked to be in it)" }),
  })
  .openapi("ConceptEdge");

export const ConceptCommunitySchema = z
  .object({
    id: z.string(),
    label: z.string().openapi({ description: "Its top concepts" }),
    summary: z.string().optional().openapi({ description: "A model's short summary, when one wrote it" }),
    citations: z
      .array(ConceptCitationSchema)
      .optional()
      .openapi({ description: "The pages the summary is drawn from (every summary cites at least one)" }),
  })
  .openapi("ConceptCommunity");

export const ConceptMapSchema = z
  .object({
    notebookId: z.string(),
    contentVersion: z.number().int().openapi({ description: "The notebook content version the map was built for" }),
    pendingDocuments: z.number().int().openapi({
      description: "Ready documents whose concepts are still being extracted (the map grows when they finish)",
    }),
    nodes: z.array(ConceptNodeSchema),
    edges: z.array(ConceptEdgeSchema),
    communities: z.array(ConceptCommunitySchema),
  })
  .openapi("ConceptMap");

export const ConceptMapQuerySchema = z.object({
  documentIds: z
    .string()
    .max(50 * 65)
    .optional()
    .openapi({ description: "Comma-separated document ids: only concepts these documents mention (default: all)" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAP_MAX_NODES)
    .default(MAP_DEFAULT_NODES)
    .openapi({ description: `Nodes, the heaviest first (default ${MAP_DEFAULT_NODES}, at most ${MAP_MAX_NODES})` }),
});

export const ConceptPassageSchema = z
  .object({
    documentId: z.string(),
    documentTitle: z.string(),
    page: z.number().int(),
    chunkId: z.string(),
    text: z.string().openapi({ description: "The sentence around the mention, as it is on the page" }),
  })
  .openapi("ConceptPassage");

export const ConceptNeighbourSchema = z
  .object({ id: z.string(), label: z.string(), weight: z.number(), relation: z.string().optional() })
  .openapi("ConceptNeighbour");

export const ConceptDetailSchema = z
  .object({
    id: z.string(),
    notebookId: z.string(),
    label: z.string(),
    aliases: z.array(z.string()).openapi({ description: "The ways the documents write it" }),
    weight: z.number().int(),
    documentCount: z.number().int(),
    community: ConceptCommunitySchema.nullable(),
    neighbours: z.array(ConceptNeighbourSchema),
    passages: z.array(ConceptPassageSchema),
  })
  .openapi("ConceptDetail");

export type ConceptMapDto = z.infer<typeof ConceptMapSchema>;
export type ConceptDetailDto = z.infer<typeof ConceptDetailSchema>;

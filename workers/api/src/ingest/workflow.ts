import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";

export type IngestParams = { documentId: string };

/** One instance per document (instance id = document id). */
export class IngestDocument extends WorkflowEntrypoint<Env, IngestParams> {
  override async run(event: WorkflowEvent<IngestParams>, _step: WorkflowStep): Promise<void> {
    throw new Error(`ingestion of ${event.payload.documentId} is not implemented yet`);
  }
}

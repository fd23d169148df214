/**
 * The recall check a re-embed passes before it switches: questions drawn from the notebook's own chunks,
 * each asked of the old and of the new model's vectors. A question is its source chunk's longest sentence,
 * so the chunk it came from is the right answer; the new model must find it about as often as the old one.
 */
import type { RecallReport } from "../../../../schemas/reembed";
import { splitSentences } from "../answers/sentences";
import { fnv1a } from "../embeddings/hashing-embedder";

/** Questions per check: enough for a share in steps of 5%, two embedding calls and 2 × 20 queries per step. */
export const RECALL_QUESTIONS = 20;
/** The ranking depth compared (overlap@10, hit@10), smaller in tiny notebooks where any 10 is most of it. */
export const RECALL_K = 10;
/**
 * Pass when the new model's hit@k is at least 90% of the old model's. Gated on hit@k of the source chunk,
 * not on overlap@k: a better model legitimately reorders the neighbours (a low overlap with a weaker model is
 * no fault), while losing the chunk a question was taken from is. 0.9 lets one question in ten go either way
 * (sampling noise at 20 questions is ±1–2 of them) and still stops a model that loses what the old one found:
 * random vectors score hit@10 ≈ 10 / chunks (0.25 in a 40-chunk notebook) against the old model's ≈ 1.
 */
export const RECALL_MIN_RATIO = 0.9;
/** Words of a question at most; a sentence needs this many words at least to be one. */
const QUESTION_WORDS = 24;
const MIN_QUESTION_WORDS = 4;

export type SourceChunk = { id: string; text: string };
export type Question = { chunkId: string; text: string };

/** The depth compared for a notebook of `chunks` chunks: a quarter of it, at most RECALL_K, at least 1. */
export function recallDepth(chunks: number): number {
  return Math.max(1, Math.min(RECALL_K, Math.floor(chunks / 4)));
}

const firstWords = (text: string) => text.split(/\s+/).filter(Boolean).slice(0, QUESTION_WORDS).join(" ");

/** The chunk's longest sentence (its first words when none has MIN_QUESTION_WORDS), capped at QUESTION_WORDS. */
export function questionOf(text: string): string {
  const sentences = splitSentences(text)
    .map((s) => s.text)
    .filter((s) => s.split(/\s+/).length >= MIN_QUESTION_WORDS);
  const longest = sentences.reduce<string | undefined>((a, s) => (a && a.length >= s.length ? a : s), undefined);
  return firstWords(longest ?? text);
}

/**
 * Up to RECALL_QUESTIONS chunk ids in an order fixed by `seed` (the job id): FNV-1a of seed and chunk id, so a
 * rerun of the same job asks the same questions and another job another sample.
 */
export function sampleChunkIds(ids: string[], seed: string): string[] {
  return ids
    .map((id) => ({ id, rank: fnv1a(`${seed}:${id}`) }))
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .slice(0, RECALL_QUESTIONS)
    .map(({ id }) => id);
}

/** The sampled chunks' questions, in the sample's order (a chunk with no words asks nothing). */
export function questionsOf(sample: string[], chunks: SourceChunk[]): Question[] {
  const byId = new Map(chunks.map((c) => [c.id, c.text]));
  return sample.map((id) => ({ chunkId: id, text: questionOf(byId.get(id) ?? "") })).filter((q) => q.text.length > 0);
}

/** hit@k, overlap@k and the verdict from each question's old and new top-k chunk ids. */
export function judgeRecall(
  questions: Question[],
  rankings: Array<{ old: string[]; new: string[] }>,
  k: number,
): RecallReport {
  let hitOld = 0;
  let hitNew = 0;
  let overlap = 0;
  questions.forEach((q, i) => {
    const oldTop = (rankings[i]?.old ?? []).slice(0, k);
    const newTop = (rankings[i]?.new ?? []).slice(0, k);
    if (oldTop.includes(q.chunkId)) hitOld++;
    if (newTop.includes(q.chunkId)) hitNew++;
    const shared = newTop.filter((id) => oldTop.includes(id)).length;
    overlap += shared / k;
  });
  const n = questions.length || 1;
  const report = {
    questions: questions.length,
    k,
    hitOld: hitOld / n,
    hitNew: hitNew / n,
    overlap: overlap / n,
    minRatio: RECALL_MIN_RATIO,
  };
  return { ...report, passed: questions.length > 0 && report.hitNew >= RECALL_MIN_RATIO * report.hitOld };
}

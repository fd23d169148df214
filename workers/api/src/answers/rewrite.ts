/**
 * Follow-up questions rewritten into standalone search queries without a model: when a follow-up is short or
 * leans on the previous question ("and what about its engine?", "e o motor?", "¿y su operador?"), the key
 * words of the previous question are appended, so both keyword and vector search see the topic.
 */
import { detectLanguage, STOP_WORDS } from "../retrieval/language";
import { normalizeText, queryTerms, tokenSpans } from "../retrieval/normalize";
import type { ThreadTurn } from "./types";

/** Words (folded) that open a follow-up: connectors. */
const LEADS = new Set(["and", "also", "but", "so", "then", "e", "tambem", "mas", "entao", "y", "tambien", "pero"]);
/** Two-word openers: "what about", "how about", "e quanto", "e sobre", "y que", "que tal". */
const LEAD_PAIRS = new Set(["what about", "how about", "and what", "e quanto", "e sobre", "e se", "y que", "que tal"]);
/** Pronouns that point back to something said before. */
const ANAPHORA = new Set(
  `it its they them their theirs he him his she her hers same
  ele ela eles elas dele dela deles delas nele nela neles nelas isso disso nisso seu sua seus suas mesmo mesma
  el ella ellos ellas ello eso su sus alli ahi mismo misma`.split(/\s+/),
);
/** "What is photosynthesis?" is short but stands alone. */
const DEFINITION =
  /^[¿¡\s]*(?:what\s+(?:is|are)|who\s+(?:is|was|were)|o\s+que\s+(?:e|sao)|quem\s+(?:e|foi)|que\s+(?:es|son)|quien\s+(?:es|fue))\s/;

const SHORT_CONTENT_TERMS = 2;
const MAX_CARRIED_WORDS = 8;

/** Does this question need the previous one to make sense? */
export function isFollowUp(question: string): boolean {
  const words = tokenSpans(question).map((span) => span.norm);
  if (words.length === 0) return false;
  const [first = "", second = ""] = words;
  if (LEADS.has(first) || LEAD_PAIRS.has(`${first} ${second}`)) return true;
  // "el" is Spanish for "the": only a pronoun with an accent (él), which normalisation folds away.
  if (words.some((word) => ANAPHORA.has(word) && word !== "el") || /(^|[^\p{L}])él([^\p{L}]|$)/iu.test(question)) {
    return true;
  }
  if (DEFINITION.test(normalizeText(question))) return false;
  return queryTerms(question).length <= SHORT_CONTENT_TERMS;
}

/** Key words of `previous` (original spelling, "PA-22-150" kept whole) that `followUp` does not already have. */
function carriedWords(previous: string, followUp: string): string[] {
  const lang = detectLanguage(previous);
  const stop = (norm: string) =>
    STOP_WORDS.en.has(norm) || (lang !== "other" && lang !== "en" && STOP_WORDS[lang].has(norm)) || ANAPHORA.has(norm);
  const have = new Set(tokenSpans(followUp).map((span) => span.term));
  const seen = new Set<string>();
  const carried: string[] = [];
  for (const raw of previous.split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    const spans = tokenSpans(word);
    const content = spans.filter((span) => !stop(span.norm) && !have.has(span.term));
    const key = spans.map((span) => span.term).join(" ");
    if (content.length === 0 || seen.has(key)) continue;
    seen.add(key);
    carried.push(word);
  }
  return carried.slice(0, MAX_CARRIED_WORDS);
}

/** The query to retrieve with: the follow-up itself, or the follow-up plus the previous question's key words. */
export function rewriteFollowUp(history: readonly ThreadTurn[], followUp: string): string {
  const question = followUp.trim();
  const last = history.at(-1);
  if (!last || !isFollowUp(question)) return question;
  const carried = carriedWords(last.standalone ?? last.question, question);
  return carried.length > 0 ? `${question} ${carried.join(" ")}` : question;
}

/**
 * Follow-up questions rewritten into standalone search queries without a model: when a follow-up leans on
 * the previous question — a connector ("and…", "what about…", "e o motor?", "¿y su operador?"), a pronoun
 * pointing back ("its engine"), or an ellipsis ("why?", "in 2023?", "the engine?") — the key words of the
 * previous question are appended, so both keyword and vector search see the topic. A question with its own
 * subject ("What caused the accident?") stands alone, however short: carrying the previous topic into it
 * would retrieve the previous topic.
 */
import { detectLanguage, STOP_WORDS } from "../retrieval/language";
import { queryTerms, tokenSpans } from "../retrieval/normalize";
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
/** Words an elliptical fragment opens with: "in 2023?", "the engine?", "no Brasil?", "en México?". */
const FRAGMENT_OPENERS = new Set(
  `the a an in on at for of from to by with during before after
  o a os as um uma no na nos nas em de do da dos das para por com durante antes depois
  el la los las un una en del al con durante antes despues`.split(/\s+/),
);
/** A fragment is a few words at most. */
const MAX_FRAGMENT_WORDS = 4;
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
  // Nothing to search for of its own: "why?", "how so?", "e daí?".
  if (queryTerms(question).every((term) => STOP_TERMS.has(term))) return true;
  return words.length <= MAX_FRAGMENT_WORDS && FRAGMENT_OPENERS.has(first);
}

/** Question words that are not stop words everywhere but carry no topic. */
const STOP_TERMS = new Set(["why", "how", "so", "what", "dai", "porque", "por", "que", "como"]);

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

/**
 * The follow-up's own topic: its stemmed words, without stop words, connectors, pronouns, fragment openers and
 * question words. "E quanto foi destinado ao Ministério da Saúde?" → destin, ministeri, saud.
 */
export function ownTopicTerms(followUp: string): string[] {
  const lang = detectLanguage(followUp);
  const stop = lang === "other" ? STOP_WORDS.en : STOP_WORDS[lang];
  const skip = (norm: string) =>
    stop.has(norm) ||
    STOP_WORDS.en.has(norm) ||
    LEADS.has(norm) ||
    ANAPHORA.has(norm) ||
    FRAGMENT_OPENERS.has(norm) ||
    STOP_TERMS.has(norm) ||
    QUANTITY_WORDS.has(norm);
  return [...new Set(tokenSpans(followUp).flatMap((span) => (skip(span.norm) ? [] : [span.term])))];
}

/** Question words that ask for an amount: part of the question, not of its subject. */
const QUANTITY_WORDS = new Set(["much", "many", "quanto", "quanta", "quantos", "quantas", "cuanto", "cuanta"]);

/** The share of `terms` found in `text` (1 when there are no terms: nothing to miss). */
export function ownTopicCoverage(terms: readonly string[], text: string): number {
  if (terms.length === 0) return 1;
  const have = new Set(tokenSpans(text).map((span) => span.term));
  return terms.filter((term) => have.has(term)).length / terms.length;
}

/**
 * What kind of answer a question asks for (en/pt/es), and whether a sentence or table row has that shape:
 * an amount for "how much / what was the total", a cause for "why / what caused", a definition for
 * "what is", a date for "when". The extractive answer prefers candidates of the right shape; it never
 * rejects the others, so a question of no recognised kind is answered by term overlap alone.
 */
import { normalizeText } from "../retrieval/normalize";

export type QuestionType = "amount" | "cause" | "definition" | "date" | "other";

const AMOUNT =
  /\b(?:how (?:much|many)|what (?:was|were|is|are) (?:the |its |their )?(?:total|amount|number|value|revenue|sales|income|cost|price|rate|percentage|share|balance)|total|amount|percentage|quanto|quantos|quantas|qual (?:foi|e|era) (?:o|a) (?:valor|total|numero|receita|taxa|percentual)|cuanto|cuantos|cuantas|cual (?:fue|es|era) (?:el|la) (?:valor|total|numero|ingreso|tasa|porcentaje)|percentual|porcentaje)\b/;
const CAUSE =
  /\b(?:why|what caused|cause|caused|reason|por que|porque|causa|causou|motivo|razao|por que motivo|que causo|por que razon|razon)\b/;
const DEFINITION =
  /^(?:what (?:is|are|does)|define|meaning of|o que (?:e|sao|significa)|que (?:es|son|significa)|defina|definicao|definicion)\b/;
const DATE = /\b(?:when|what (?:date|year|day|month)|quando|em que (?:ano|data|dia)|cuando|en que (?:ano|fecha|dia))\b/;

/** The kind of answer `question` asks for. */
export function questionType(question: string): QuestionType {
  const q = normalizeText(question)
    .replace(/[¿¡?!.,;:]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (CAUSE.test(q)) return "cause";
  if (DATE.test(q)) return "date";
  if (AMOUNT.test(q)) return "amount";
  if (DEFINITION.test(q)) return "definition";
  return "other";
}

/** Years and school years ("2003–04", "1996 through 2021") are dates, not amounts. */
const YEAR_SPAN = /\b(?:19|20)\d{2}(?:\s?[–-]\s?\d{2,4})?\b/g;
/** A figure: digits with separators or decimals, a currency, a percentage, or at least three digits. */
const AMOUNT_LIKE = /\d[.,]\d|\d{3}|[$€£]\s?\d|R\$\s?\d|\d\s?(?:%|percent|por cento|por ciento)/iu;
/(?:[$€£R]\$?\s?)?\(?\d[\d.,]*\)?\s?(?:%|percent|por cento|por ciento|million|billion|milh[õo]es|millones|mil)?/iu;
const CAUSAL =
  /\b(?:because|due to|caused|causing|result(?:ed|s)? (?:in|from)|as a result|led to|owing to|probable cause|contributing|factor|devido|por causa|causad[oa]|causou|resultou|em raz[ãa]o|debido|caus[óo]|causad[oa]|provoc[óo]|como resultado|a causa de|factor contribuyente)\b/iu;
const DEFINING =
  /\b(?:is|are|was|refers to|means|is defined as|é|são|significa|refere-se|es|son|se refiere|se define)\b/iu;
const DATE_LIKE =
  /\b(?:\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre)[a-z]*\.?\s+\d{1,2})\b/iu;

/** Does `text` have the shape of an answer to a question of type `type`? */
export function hasAnswerShape(text: string, type: QuestionType): boolean {
  switch (type) {
    case "amount":
      return AMOUNT_LIKE.test(text.replace(YEAR_SPAN, " "));
    case "cause":
      return CAUSAL.test(text);
    case "definition":
      return DEFINING.test(text);
    case "date":
      return DATE_LIKE.test(text);
    default:
      return false;
  }
}

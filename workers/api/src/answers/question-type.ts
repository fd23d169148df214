/**
 * What kind of answer a question asks for (en/pt/es/fr), and whether a sentence or table row has that shape:
 * an amount for "how much / what was the total", a cause for "why / what caused", a definition for
 * "what is", a date for "when", a person for "who". The extractive answer prefers candidates of the right
 * shape; it never rejects the others, so a question of no recognised kind ("where", "où") is answered by term
 * overlap alone.
 */
import { normalizeText } from "../retrieval/normalize";

export type QuestionType = "amount" | "cause" | "definition" | "date" | "person" | "other";

const AMOUNT =
  /\b(?:how (?:much|many)|what (?:was|were|is|are) (?:the |its |their )?(?:total|amount|number|value|revenue|sales|income|cost|price|rate|percentage|share|balance)|total|amount|percentage|quanto|quantos|quantas|qual (?:foi|e|era) (?:o|a) (?:valor|total|numero|receita|taxa|percentual)|cuanto|cuantos|cuantas|cual (?:fue|es|era) (?:el|la) (?:valor|total|numero|ingreso|tasa|porcentaje)|percentual|porcentaje|combien|quel(?:le)? (?:est|etait|a ete) (?:le |la |l['’])?(?:montant|total|nombre|valeur|cout|prix|taux|pourcentage|somme|budget)|montant|pourcentage)\b/;
const CAUSE =
  /\b(?:why|what caused|cause|caused|reason|por que|porque|causa|causou|motivo|razao|por que motivo|que causo|por que razon|razon|pourquoi|pour quelle raison|raison|motif)\b/;
const DEFINITION =
  /^(?:what (?:is|are|does)|define|meaning of|o que (?:e|sao|significa)|que (?:es|son|significa)|defina|definicao|definicion|qu['’]est-ce que|qu['’]est-ce qu['’]|que (?:signifie|veut dire)|definissez|definition)\b/;
const DATE =
  /\b(?:when|what (?:date|year|day|month)|quando|em que (?:ano|data|dia)|cuando|en que (?:ano|fecha|dia)|quand|quel(?:le)? (?:date|annee|jour|mois|heure))\b/;
/**
 * "Who …?", "To whom …?", "Quem …?", "¿Quién …?", "Qui …?", "Par qui …?": a question that opens with "who" (inside
 * a question, "qui" is a relative pronoun: "Qu’est-ce qui a été décidé ?").
 */
const PERSON = /^(?:(?:to|by|for|with|de|por|para|com|con|a|par|pour|avec) )?(?:who|whom|quem|quien|quienes|qui)\b/;

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
  if (PERSON.test(q)) return "person";
  return "other";
}

/** Years and school years ("2003–04", "1996 through 2021") are dates, not amounts. */
const YEAR_SPAN = /\b(?:19|20)\d{2}(?:\s?[–-]\s?\d{2,4})?\b/g;
/**
 * A figure: digits with separators or decimals, a currency before or after it ("1 200 000$", "12 €"), a
 * percentage, or at least three digits.
 */
const AMOUNT_LIKE = /\d[.,]\d|\d{3}|[$€£]\s?\d|R\$\s?\d|\d\s?[$€£]|\d\s?(?:%|percent|por cento|por ciento|pour cent)/iu;
const CAUSAL =
  /\b(?:because|due to|caused|causing|result(?:ed|s)? (?:in|from)|as a result|led to|owing to|probable cause|contributing|factor|devido|por causa|causad[oa]|causou|resultou|em raz[ãa]o|debido|caus[óo]|causad[oa]|provoc[óo]|como resultado|a causa de|factor contribuyente)\b/iu;
/**
 * French causes, some ending on an elision ("parce qu’", "en raison d’") or opening on a letter `\b` does not see
 * ("à cause de", "étant donné"); a resolution's preamble ("ATTENDU QUE …", "ATTENDU la pertinence …") gives the
 * reasons for what it resolves.
 */
const CAUSAL_FR =
  /(?<!\p{L})(?:parce qu|en raison d|du fait d|à cause d|grâce à|étant donné|caus[ée]+s? par|provoqu[ée]+s? par|attendu qu|attendu (?:la|le|les|l['’])|considérant qu)/iu;
const DEFINING =
  /\b(?:is|are|was|refers to|means|is defined as|é|são|significa|refere-se|es|son|se refiere|se define|est|sont|désigne|signifie|se définit)\b/iu;
const DATE_LIKE =
  /\b(?:\d{4}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|febrero|marzo|mayo|junio|julio|septiembre|octubre|noviembre|diciembre)[a-z]*\.?\s+\d{1,2}|\d{1,2}(?:er)?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)|\d{1,2}\s?h\s?\d{2})\b/iu;
/** A person by their title: "M. Gaëtan Gagné", "Mme Ariane Bélanger", "Dr. Souza", "Sra. Silva". */
const PERSON_LIKE = /(?<!\p{L})(?:M|MM|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr|Dra|Sr|Sra|Srta|Prof)\.?\s+\p{Lu}\p{Ll}/u;

/** Does `text` have the shape of an answer to a question of type `type`? */
export function hasAnswerShape(text: string, type: QuestionType): boolean {
  switch (type) {
    case "amount":
      return AMOUNT_LIKE.test(text.replace(YEAR_SPAN, " "));
    case "cause":
      return CAUSAL.test(text) || CAUSAL_FR.test(text);
    case "definition":
      return DEFINING.test(text);
    case "date":
      return DATE_LIKE.test(text);
    case "person":
      return PERSON_LIKE.test(text);
    default:
      return false;
  }
}

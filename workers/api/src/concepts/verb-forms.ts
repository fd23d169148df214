/** Portuguese and Spanish verb forms by their endings (no tagger): shared by the concept map and the overview. */

// Verb forms that a stop-word pattern would otherwise take for nouns: infinitives, gerunds, past tenses.
// Tested on the lower-case word with its accents (es "informó" is a verb, "informo" is not a noun either).
// Also the future (pt "alimentará", es "establecerá", "podrán"), the pt third person plural ("começam",
// "resultam": -am ends almost no noun) and the es present subjunctive of -cer verbs ("establezca").
export const VERB_FORM = {
  pt: /(?:ar|er|ir|ou|aram|eram|iram|ava|avam|ando|endo|indo|\p{L}{4}eu|iu|rá|rão|am)$/u,
  es: /(?:ar|er|ir|ó|aron|ieron|aba|aban|ando|iendo|rá|rán|zca|zcan)$/u,
} as const;

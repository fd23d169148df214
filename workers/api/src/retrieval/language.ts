/**
 * Stop words and a tiny language detector for the three languages studyAI stems (en, pt, es).
 * Stop words are stored folded (no diacritics, lower case), the form `normalizeToken` produces.
 */
export type Language = "en" | "pt" | "es" | "other";

const EN = `a an the and or but if of at by for with about against between into through during before after above
below to from up down in out on off over under again further then once here there when where why how all any both
each few more most other some such no nor not only own same so than too very can will just should now is are was
were be been being have has had having do does did doing i me my we our you your he him his she her it its they them
their what which who whom whose this that these those am would could also`;

const PT = `a o as os um uma uns umas de do da dos das em no na nos nas ao aos por para pelo pela pelos pelas com sem
sob sobre entre e ou mas que se nao sim ja muito mais menos como quando onde qual quais quem porque quanto quantos
quantas quanta foi foram era eram sao ser estar esta estava este estes isto esse essa esses essas isso aquele aquela
aquilo ele ela eles elas seu sua seus suas dele dela deles delas meu minha voce voces nos tem ter ha havia houve
tambem ate lhe lhes num numa`;

const ES = `el la los las un una unos unas de del al en por para con sin sobre entre y o u pero que se no si ya muy
mas menos como cuando donde cual cuales quien quienes porque cuanto cuantos cuantas cuanta fue fueron era eran son
ser estar esta estaba este estos esto ese esa esos esas eso aquel aquella ella ellos ellas su sus mi mis tu usted
ustedes lo le les hay habia tambien hasta tiene tenia`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export const STOP_WORDS: Readonly<Record<Exclude<Language, "other">, ReadonlySet<string>>> = {
  en: wordSet(EN),
  pt: wordSet(PT),
  es: wordSet(ES),
};

const LANGS = ["en", "pt", "es"] as const;

/** Letters only Portuguese or only Spanish writes (of the three): each occurrence is strong evidence. */
const LETTER_HINTS = { pt: /[ãõç]/g, es: /[ñ¿¡]/g } as const;

function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{Mn}+/gu, "");
}

/**
 * Guesses the language of `text` from stop-word frequencies (plus letters only Portuguese or Spanish use).
 * Returns "other" when there is too little evidence, or a tie the exclusive stop words cannot break.
 */
export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 20_000).toLowerCase();
  const words = (sample.match(/\p{L}+/gu) ?? []).map(fold);
  const score = { en: 0, pt: 0, es: 0 };
  const exclusive = { en: 0, pt: 0, es: 0 };
  for (const word of words) {
    const hits = LANGS.filter((lang) => STOP_WORDS[lang].has(word));
    for (const lang of hits) {
      score[lang] += 1;
      if (hits.length === 1) exclusive[lang] += 1;
    }
  }
  for (const lang of ["pt", "es"] as const) score[lang] += 2 * (sample.match(LETTER_HINTS[lang])?.length ?? 0);

  const ranked = [...LANGS].sort((a, b) => score[b] - score[a] || exclusive[b] - exclusive[a]);
  const [best, second] = ranked as [(typeof LANGS)[number], (typeof LANGS)[number]];
  if (score[best] < 1) return "other";
  if (score[best] === score[second] && exclusive[best] === exclusive[second]) return "other";
  return best;
}

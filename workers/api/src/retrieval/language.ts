/**
 * Stop words and a tiny language detector for the languages studyAI knows (en, pt, es, fr).
 * Stop words are stored folded (no diacritics, lower case), the form `normalizeToken` produces.
 */
export type Language = "en" | "pt" | "es" | "fr" | "other";

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

// Not "car" (but) or "es" (tu es): English and Spanish write them far more often. "t" (a-t-il) is dropped from
// questions but is no evidence (`NOT_FRENCH_EVIDENCE`). "sujet", "propos", "concernant": "au sujet de", "à propos
// de", "concernant" are "about" (en) and "sobre" (pt, es).
const FR = `le la les un une des du de au aux a en dans par pour sur sous avec sans entre vers chez et ou mais donc
ni que qui quoi dont quel quelle quels quelles lequel laquelle lesquels quand comment pourquoi combien ce cet cette
ces ceci cela ca celui celle ceux celles il elle ils elles on je tu nous vous me te se lui leur leurs y son sa ses mon
ma mes ton ta tes notre votre nos vos ne pas plus moins tres aussi comme si non oui tout tous toute toutes meme deja
est sont etait etaient ete etre fut furent sera seront serait soit ai avons avez ont avait avaient eu avoir aura
lors apres avant depuis pendant aucun aucune sujet propos concernant t`;

function wordSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export const STOP_WORDS: Readonly<Record<Exclude<Language, "other">, ReadonlySet<string>>> = {
  en: wordSet(EN),
  pt: wordSet(PT),
  es: wordSet(ES),
  fr: wordSet(FR),
};

/** Every known language's stop words: for text whose words may mix languages (names, labels, headings). */
export const ANY_STOP_WORD: ReadonlySet<string> = new Set(Object.values(STOP_WORDS).flatMap((words) => [...words]));

/**
 * French stop words that are no evidence of French: US state codes on English forms (CA, IL, MA, NE), English
 * "EST", "non-", "plus", Spanish "sur" (south) and "mes" (month), the "t" of English "don't" and "can't". They are
 * still dropped from French questions.
 */
const NOT_FRENCH_EVIDENCE = wordSet("ca il ma ne est non plus sur mes t");
const EVIDENCE: Readonly<Record<Exclude<Language, "other">, ReadonlySet<string>>> = {
  ...STOP_WORDS,
  fr: new Set([...STOP_WORDS.fr].filter((word) => !NOT_FRENCH_EVIDENCE.has(word))),
};

const LANGS = ["en", "pt", "es"] as const;

/** Letters only Portuguese or only Spanish writes (of en/pt/es): each occurrence is strong evidence. */
const LETTER_HINTS = { pt: /[ãõç]/g, es: /[ñ¿¡]/g } as const;

/**
 * What only French writes of the four: the letters è ù û ë ï î œ, and elisions opening a word (l’, d’, qu’,
 * n’, s’…; not the English it’s, don’t, I’d, whose apostrophe follows a letter or precedes a space).
 */
const FRENCH_HINTS = /[èùûëïîœ]|(?<!\p{L})(?:[cdjlmnst]|qu)['’](?=\p{L})/gu;
/** ç is written by French as much as by Portuguese: it counts for both when French is weighed. */
const CEDILLA = /ç/g;

function fold(word: string): string {
  return word.normalize("NFD").replace(/\p{Mn}+/gu, "");
}

type Scores = Record<Exclude<Language, "other">, number>;

/** Stop-word hits (`EVIDENCE`) of each language in `langs`, and those of words no other language in `langs` has. */
function stopWordScores(words: readonly string[], langs: readonly Exclude<Language, "other">[]) {
  const score: Scores = { en: 0, pt: 0, es: 0, fr: 0 };
  const exclusive: Scores = { en: 0, pt: 0, es: 0, fr: 0 };
  for (const word of words) {
    const hits = langs.filter((lang) => EVIDENCE[lang].has(word));
    for (const lang of hits) {
      score[lang] += 1;
      if (hits.length === 1) exclusive[lang] += 1;
    }
  }
  return { score, exclusive };
}

const hintScore = (sample: string, hints: RegExp) => 2 * (sample.match(hints)?.length ?? 0);

/** en, pt or es as the three-language detector always decided (French left out entirely). */
function detectEnPtEs(sample: string, words: readonly string[]): Language {
  const { score, exclusive } = stopWordScores(words, LANGS);
  for (const lang of ["pt", "es"] as const) score[lang] += hintScore(sample, LETTER_HINTS[lang]);
  const ranked = [...LANGS].sort((a, b) => score[b] - score[a] || exclusive[b] - exclusive[a]);
  const [best, second] = ranked as [(typeof LANGS)[number], (typeof LANGS)[number]];
  if (score[best] < 1) return "other";
  if (score[best] === score[second] && exclusive[best] === exclusive[second]) return "other";
  return best;
}

/**
 * French shares many function words with Spanish and Portuguese (de, la, le, les, en, que, se, si, son…), so it
 * must win outright: more stop-word hits plus hints than each of en/pt/es (on a tie, more words of its own),
 * and at least one word or hint only French has. Otherwise the three-language decision stands unchanged.
 */
function isFrench(sample: string, words: readonly string[]): boolean {
  const { score, exclusive } = stopWordScores(words, [...LANGS, "fr"]);
  for (const lang of ["pt", "es"] as const) score[lang] += hintScore(sample, LETTER_HINTS[lang]);
  const own = hintScore(sample, FRENCH_HINTS);
  if (exclusive.fr + own === 0) return false;
  const fr = score.fr + own + hintScore(sample, CEDILLA);
  return LANGS.every((lang) => fr > score[lang] || (fr === score[lang] && exclusive.fr > exclusive[lang]));
}

/**
 * Guesses the language of `text` from stop-word frequencies (plus letters only one language uses).
 * Returns "other" when there is too little evidence, or a tie the exclusive stop words cannot break.
 */
export function detectLanguage(text: string): Language {
  const sample = text.slice(0, 20_000).toLowerCase();
  const words = (sample.match(/\p{L}+/gu) ?? []).map(fold);
  return isFrench(sample, words) ? "fr" : detectEnPtEs(sample, words);
}

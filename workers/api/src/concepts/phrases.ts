/**
 * Candidate concepts of one page: noun phrases and names, each with the sentence it is in and its offset
 * in the page text. English goes through wink-nlp's part-of-speech tagger (loaded on first use: its model
 * costs ~0.3 s to initialise, so an isolate that never extracts never pays it); Portuguese, Spanish and
 * anything else through noun-phrase patterns over the keyword index's tokens and stop words.
 * Why wink-nlp and not compromise: on the NTSB pages wink tags ~6.6 ms per page against compromise's
 * ~129 ms (`npm run bench:concepts` prints both), so 2,000 pages fit in a few step-sized batches.
 */
import type { ItemSentence, ItemToken } from "wink-nlp";
import { lazyModule } from "../platform/lazy-module";
import { detectLanguage, type Language, STOP_WORDS } from "../retrieval/language";
import { MAX_PHRASE_WORDS } from "./concept-key";
import { VERB_FORM as VERBAL } from "./verb-forms";

export type PhraseMention = { surface: string; start: number; sentence: number };
export type PagePhrases = { language: Language; sentences: number; mentions: PhraseMention[] };

export { MAX_PHRASE_WORDS };
/** Sentences read per page (a page of 3,000 characters has ~30); past this a "page" is a table or junk. */
export const MAX_SENTENCES_PER_PAGE = 400;

type WinkTagger = (text: string) => Array<{ start: number; tokens: Token[] }>;

// The tagger is kept, not the promise of it (platform/lazy-module.ts).
const english = lazyModule(async (): Promise<WinkTagger> => {
  const [{ default: winkNLP }, { default: model }] = await Promise.all([
    import("wink-nlp"),
    import("wink-eng-lite-web-model"),
  ]);
  const nlp = winkNLP(model, ["sbd", "pos"]);
  const its = nlp.its;
  return (text) => {
    const doc = nlp.readDoc(text);
    const sentences: ReturnType<WinkTagger> = [];
    let cursor = 0;
    doc.sentences().each((s: ItemSentence) => {
      const tokens: Token[] = [];
      s.tokens().each((t: ItemToken) => {
        const value = t.out();
        const at = text.indexOf(value, cursor);
        if (at < 0) return;
        cursor = at + value.length;
        tokens.push({ value, pos: t.out(its.pos), start: at });
      });
      if (tokens.length) sentences.push({ start: tokens[0]?.start ?? 0, tokens });
    });
    return sentences;
  };
});

const NOUNISH = new Set(["NOUN", "PROPN"]);
const MODIFIER = new Set(["ADJ", "NOUN", "PROPN"]);
const WORDY = /\p{L}{2,}/u;

type Token = { value: string; pos: string; start: number };

/** The proper-noun runs of a phrase that are not the whole phrase. */
function namesWithin(run: readonly Token[], text: string, sentence: number): PhraseMention[] {
  const names: PhraseMention[] = [];
  let from = -1;
  for (let i = 0; i <= run.length; i++) {
    const isName = i < run.length && run[i]?.pos === "PROPN";
    if (isName && from < 0) from = i;
    if (!isName && from >= 0) {
      if (!(from === 0 && i === run.length)) {
        const first = run[from] as Token;
        const last = run[i - 1] as Token;
        names.push({ surface: text.slice(first.start, last.start + last.value.length), start: first.start, sentence });
      }
      from = -1;
    }
  }
  return names;
}

/** Runs of ADJ/NOUN/PROPN ending in a noun (leading adjectives kept, "of" inside names kept). */
function englishPhrases(tagger: WinkTagger, text: string): PagePhrases {
  const sentences = tagger(text).slice(0, MAX_SENTENCES_PER_PAGE);
  const mentions: PhraseMention[] = [];
  sentences.forEach((sentence, index) => {
    let run: typeof sentence.tokens = [];
    const flush = () => {
      while (run.length && !NOUNISH.has(run[run.length - 1]?.pos ?? "")) run.pop();
      while (run.length && !WORDY.test(run[0]?.value ?? "")) run.shift();
      if (run.length && run.length <= MAX_PHRASE_WORDS) {
        const first = run[0] as (typeof run)[number];
        const last = run[run.length - 1] as (typeof run)[number];
        const surface = text.slice(first.start, last.start + last.value.length);
        if (WORDY.test(surface) && !/\n/.test(surface)) mentions.push({ surface, start: first.start, sentence: index });
        // A name inside a longer phrase is a concept of its own ("FAA" in "the FAA inspector").
        if (run.length > 1) mentions.push(...namesWithin(run, text, index));
      }
      run = [];
    };
    sentence.tokens.forEach((token, i) => {
      const next = sentence.tokens[i + 1];
      const ofInName =
        token.value === "of" && run.at(-1)?.pos === "PROPN" && next?.pos === "PROPN" && run.length < MAX_PHRASE_WORDS;
      if ((MODIFIER.has(token.pos) && WORDY.test(token.value)) || ofInName) run.push(token);
      else flush();
    });
    flush();
  });
  return { language: "en", sentences: sentences.length, mentions };
}

const CONNECTORS = { pt: new Set(["de", "da", "do", "das", "dos"]), es: new Set(["de", "del"]) } as const;
// Prepositions and adverbs the retrieval stop lists (built for queries) do not hold.
const MORE_STOP = {
  pt: new Set(["durante", "apos", "antes", "depois", "segundo", "conforme", "contra", "desde", "cerca", "apenas"]),
  es: new Set(["durante", "antes", "despues", "segun", "contra", "desde", "hacia", "tras", "mediante", "cerca"]),
} as const;
const SENTENCE_END = /[.!?;:](?=\s)|\n\s*\n/g;
const WORD = /[\p{L}][\p{L}\p{M}'’-]*/gu;

/** Maximal runs of content words (not stop words, not verb-like), "de"/"del" allowed between two of them. */
function patternPhrases(text: string, language: Language): PagePhrases {
  const lang = language === "pt" || language === "es" ? language : undefined;
  const stop: ReadonlySet<string> = lang
    ? new Set([...STOP_WORDS[lang], ...MORE_STOP[lang]])
    : new Set([...STOP_WORDS.en, ...STOP_WORDS.pt, ...STOP_WORDS.es, ...(language === "fr" ? STOP_WORDS.fr : [])]);
  const connectors: ReadonlySet<string> = lang ? CONNECTORS[lang] : new Set(["of", "de", "da", "do", "del"]);
  const fold = (w: string) =>
    w
      .toLowerCase()
      .normalize("NFD")
      .replace(/\p{Mn}+/gu, "");
  const mentions: PhraseMention[] = [];
  let sentence = 0;
  let sentenceStart = 0;
  const ends = [...text.matchAll(SENTENCE_END)].map((m) => m.index + m[0].length);
  ends.push(text.length);
  for (const end of ends) {
    if (sentence >= MAX_SENTENCES_PER_PAGE) break;
    const slice = text.slice(sentenceStart, end);
    let run: Array<{ value: string; start: number; connector: boolean }> = [];
    const flush = () => {
      while (run.length && run[run.length - 1]?.connector) run.pop();
      const content = run.filter((w) => !w.connector);
      const single = content.length === 1 ? content[0] : undefined;
      const keep =
        content.length > 1 ||
        (single && single.value.length >= 4 && !(lang && VERBAL[lang].test(single.value.toLowerCase())));
      if (keep && run.length <= MAX_PHRASE_WORDS) {
        const first = run[0] as (typeof run)[number];
        const last = run[run.length - 1] as (typeof run)[number];
        mentions.push({
          surface: text.slice(first.start, last.start + last.value.length),
          start: first.start,
          sentence,
        });
      }
      run = [];
    };
    let previousEnd = -1;
    for (const match of slice.matchAll(WORD)) {
      const start = sentenceStart + match.index;
      const value = match[0];
      const folded = fold(value);
      // A comma, number or bracket between two words ends the phrase.
      if (previousEnd >= 0 && /[^\s]/.test(text.slice(previousEnd, start))) flush();
      previousEnd = start + value.length;
      if (connectors.has(folded) && run.length && !run[run.length - 1]?.connector) {
        run.push({ value, start, connector: true });
      } else if (!stop.has(folded) && value.length >= 2 && !(lang && VERBAL[lang].test(value.toLowerCase()))) {
        run.push({ value, start, connector: false });
      } else flush();
    }
    flush();
    sentence++;
    sentenceStart = end;
  }
  return { language, sentences: sentence, mentions };
}

/** Words on a line at most this long (without sentence punctuation) make a label, heading or cell, not a sentence. */
export const LABEL_LINE_WORDS = 3;
const LINE_WORD = /\p{L}[\p{L}\p{M}'’-]*|\p{N}+/gu;

/**
 * Whether the mention at `start` of `text` stands outside a sentence: on a line with no lower-case letter
 * (codes, shouted headings), on a short line without sentence punctuation (a heading or a table cell), as
 * a form field's name ("Type:"), or as a short field value ("Aircraft Damage: Substantial"). Maps are built
 * from sentences; a form's field names and values are in every report and say nothing about any one.
 */
export function outsideSentence(text: string, start: number, surface: string): boolean {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const nextBreak = text.indexOf("\n", start);
  const line = text.slice(lineStart, nextBreak < 0 ? text.length : nextBreak);
  if (!/\p{Ll}/u.test(line)) return true;
  const words = line.match(LINE_WORD) ?? [];
  if (words.length <= LABEL_LINE_WORDS && !/[.!?;,]/.test(line)) return true;
  // A field name: capitalised words up to a colon ("Type of Flight Plan Filed:", "Date & Time:").
  const after = line.slice(start - lineStart + surface.length);
  const name = after.match(/^((?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}'’/-]*|of|de|da|do|del|&|and|e|y))*)\s?:/u);
  if (name && /^\p{Lu}/u.test(surface) && (name[1]?.match(LINE_WORD) ?? []).length <= MAX_PHRASE_WORDS) return true;
  // A value: what follows the nearest colon before it on the line, up to the next field name or line end.
  const before = text.slice(lineStart, start);
  const colon = before.lastIndexOf(":");
  if (colon < 0 || /[.!?]/.test(before.slice(colon))) return false;
  const rest = line.slice(colon + 1);
  const value = rest.split(/(?<=\s)(?=[\p{Lu}][\p{L} &/-]*:)/u)[0] ?? rest;
  return (value.match(LINE_WORD) ?? []).length <= LABEL_LINE_WORDS;
}

/** The candidate concepts of one page's text, in the page's own language. */
export async function pagePhrases(text: string): Promise<PagePhrases> {
  const language = detectLanguage(text);
  if (language === "en") {
    return englishPhrases(await english(), text);
  }
  return patternPhrases(text, language);
}

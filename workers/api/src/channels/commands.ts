/**
 * What a message asks for. A few words are commands (in English, Portuguese or Spanish); a lone web
 * address is a source to add; a tap carries the id we gave the button; everything else is a question.
 */
import { RATINGS, type Rating } from "../../../../schemas/study";
import type { InboundContent } from "./types";

export type ChannelLanguage = "en" | "pt" | "es";

export type Command =
  | { kind: "link"; code: string }
  | { kind: "unlink" }
  | { kind: "stop" }
  | { kind: "start" }
  | { kind: "help" }
  | { kind: "notebooks" }
  | { kind: "use"; name: string }
  | { kind: "sources" }
  | { kind: "cards" }
  | { kind: "show"; cardId: string }
  | { kind: "rate"; cardId: string; rating: Rating }
  | { kind: "import"; url: string }
  | { kind: "document"; mediaId: string; fileName: string | null; mimeType: string | null }
  | { kind: "question"; text: string }
  | { kind: "unsupported"; type: string };

/**
 * Each command's words by language ("any" = the same word in Portuguese and Spanish, so it does not switch
 * the reply language; a word in one language switches replies to it).
 */
const VOCABULARY: [Command["kind"], Partial<Record<ChannelLanguage | "any", string[]>>][] = [
  ["link", { en: ["link"], es: ["enlazar"], any: ["vincular"] }],
  ["unlink", { en: ["unlink"], any: ["desvincular"] }],
  ["stop", { en: ["stop"], pt: ["pare"], any: ["parar"] }],
  ["start", { en: ["start"], pt: ["comecar"], es: ["empezar"], any: ["iniciar"] }],
  ["help", { en: ["help"], pt: ["ajuda"], es: ["ayuda"], any: ["menu"] }],
  ["notebooks", { en: ["notebooks"], pt: ["cadernos"], es: ["cuadernos"] }],
  ["use", { en: ["use"], any: ["usar"] }],
  ["sources", { en: ["sources"], pt: ["fontes"], es: ["fuentes"] }],
  ["cards", { en: ["cards"], pt: ["cartoes"], es: ["tarjetas"], any: ["flashcards"] }],
];

const WORDS: Record<string, { command: Command["kind"]; lang?: ChannelLanguage }> = Object.fromEntries(
  VOCABULARY.flatMap(([command, byLanguage]) =>
    Object.entries(byLanguage).flatMap(([lang, words]) =>
      words.map((word) => [word, lang === "any" ? { command } : { command, lang: lang as ChannelLanguage }]),
    ),
  ),
);

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Mn}+/gu, "")
    .toLowerCase();

const URL_ONLY = /^https?:\/\/\S+$/i;
const CODE = /^[a-z0-9]{4,12}$/i;

export type Parsed = { command: Command; lang?: ChannelLanguage };

export function parseCommand(content: InboundContent): Parsed {
  if (content.kind === "unsupported") return { command: { kind: "unsupported", type: content.type } };
  if (content.kind === "document") {
    const { mediaId, fileName, mimeType } = content;
    return { command: { kind: "document", mediaId, fileName, mimeType } };
  }
  if (content.kind === "choice") return { command: parseChoice(content.id, content.title) };
  const text = content.text.trim();
  if (URL_ONLY.test(text)) return { command: { kind: "import", url: text } };
  const [first = "", ...rest] = text.split(/\s+/);
  const word = WORDS[fold(first).replace(/[!.?]+$/, "")];
  const argument = rest.join(" ").trim();
  if (word) {
    const { command, lang } = word;
    if (command === "link") {
      // "link" alone, or with something that is not a code, is a question about linking: the help says how.
      if (CODE.test(argument)) return { command: { kind: "link", code: argument.toUpperCase() }, lang };
      return { command: { kind: "help" }, lang };
    }
    if (command === "use") {
      if (argument) return { command: { kind: "use", name: argument }, lang };
      return { command: { kind: "notebooks" }, lang };
    }
    // A command word followed by more words is a sentence that happens to start with it ("stop words are…").
    if (!argument) return { command: { kind: command } as Command, lang };
  }
  return { command: { kind: "question", text } };
}

/** Ids we put on buttons and list rows: `cards`, `show:<cardId>`, `rate:<cardId>:<rating>`. */
function parseChoice(id: string, title: string): Command {
  const [kind, cardId, rating] = id.split(":");
  if (kind === "cards") return { kind: "cards" };
  if (kind === "show" && cardId) return { kind: "show", cardId };
  if (kind === "rate" && cardId && RATINGS.includes(rating as Rating)) {
    return { kind: "rate", cardId, rating: rating as Rating };
  }
  return { kind: "question", text: title };
}

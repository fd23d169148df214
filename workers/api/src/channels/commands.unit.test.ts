import { describe, expect, it } from "vitest";
import { parseCommand } from "./commands";
import { answerText, splitMessage, toChatMarkup } from "./format";
import { languageOfNumber } from "./replies";

const textOf = (text: string) => parseCommand({ kind: "text", text });

describe("parseCommand", () => {
  it("reads commands in English, Portuguese and Spanish, with the language they are in", () => {
    expect(textOf("link 7kq2m9xd")).toEqual({ command: { kind: "link", code: "7KQ2M9XD" }, lang: "en" });
    expect(textOf("Vincular ABCD1234")).toEqual({ command: { kind: "link", code: "ABCD1234" } });
    expect(textOf("Cartões")).toEqual({ command: { kind: "cards" }, lang: "pt" });
    expect(textOf("tarjetas")).toEqual({ command: { kind: "cards" }, lang: "es" });
    expect(textOf("usar Biologia 2")).toEqual({ command: { kind: "use", name: "Biologia 2" } });
    expect(textOf("STOP")).toEqual({ command: { kind: "stop" }, lang: "en" });
    expect(textOf("fontes")).toEqual({ command: { kind: "sources" }, lang: "pt" });
  });

  it("a sentence starting with a command word is a question; a lone link is a source to add", () => {
    expect(textOf("stop codons end translation?")).toEqual({
      command: { kind: "question", text: "stop codons end translation?" },
    });
    expect(textOf("https://example.org/cells")).toEqual({
      command: { kind: "import", url: "https://example.org/cells" },
    });
    expect(textOf("link")).toEqual({ command: { kind: "help" }, lang: "en" });
  });

  it("reads the ids we put on buttons and list rows, and nothing else as a rating", () => {
    expect(parseCommand({ kind: "choice", id: "rate:card_1:good", title: "Good" }).command).toEqual({
      kind: "rate",
      cardId: "card_1",
      rating: "good",
    });
    expect(parseCommand({ kind: "choice", id: "show:card_1", title: "Show answer" }).command).toEqual({
      kind: "show",
      cardId: "card_1",
    });
    expect(parseCommand({ kind: "choice", id: "rate:card_1:perfect", title: "Perfect" }).command).toEqual({
      kind: "question",
      text: "Perfect",
    });
  });
});

describe("chat formatting", () => {
  it("turns the answers' Markdown into WhatsApp markup", () => {
    expect(toChatMarkup("## Cause\n**Fuel** ran out, see [NTSB](https://ntsb.gov).")).toBe(
      "*Cause*\n*Fuel* ran out, see NTSB (https://ntsb.gov).",
    );
  });

  it("lists citations as [n] Title, p. N with a viewer link, in the student's language", () => {
    const citation = {
      n: 1,
      chunkId: "chk_1",
      documentId: "doc_1",
      documentTitle: "Biologia",
      pageStart: 3,
      pageEnd: 4,
      page: 4,
      quote: "…",
    };
    const text = answerText("Produzem ATP [1].", [citation], {
      appUrl: "https://study.example",
      notebookId: "nb_1",
      lang: "pt",
    });
    expect(text).toBe(
      "Produzem ATP [1].\n\n*Fontes*\n[1] Biologia, p. 4 — https://study.example/notebooks/nb_1?source=doc_1&page=4",
    );
  });

  it("splits on paragraph, line, then word boundaries, every part within the limit", () => {
    const long = `${"a ".repeat(30)}\n\n${"b".repeat(50)} ${"c ".repeat(40)}`;
    const parts = splitMessage(long, 60);
    expect(parts.every((p) => p.length <= 60)).toBe(true);
    expect(parts.join(" ").replace(/\s+/g, "")).toBe(long.replace(/\s+/g, ""));
    expect(parts[0]?.endsWith("a")).toBe(true);
    expect(splitMessage("x".repeat(130), 60).map((p) => p.length)).toEqual([60, 60, 10]);
  });

  it("guesses a new number's language from its calling code", () => {
    expect(languageOfNumber("5511987654321")).toBe("pt");
    expect(languageOfNumber("5215512345678")).toBe("es");
    expect(languageOfNumber("14155550100")).toBe("en");
  });
});

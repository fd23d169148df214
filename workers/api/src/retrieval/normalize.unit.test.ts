import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexText, MAX_QUERY_TERMS, MAX_TERM_LENGTH, normalizeText, queryTerms, tokenSpans } from "./normalize";

const norms = (text: string) => tokenSpans(text).map((span) => span.norm);
const terms = (text: string) => indexText(text).split(" ").filter(Boolean);

describe("normalizeText", () => {
  it("applies NFKC, lower case and folds Latin diacritics", () => {
    expect(normalizeText("Ação É ÇÃO Ñandú")).toBe("acao e cao nandu");
    expect(normalizeText("ﬁnal ＡＢＣ１２")).toBe("final abc12");
    expect(normalizeText("Straße Ærø Łódź")).toBe("strasse aero lodz");
    expect(normalizeText("Ἀθῆναι ΟΔΟΣ")).toBe("αθηναι οδοσ");
  });

  it("composes decomposed input the same as precomposed input", () => {
    expect(normalizeText("e\u0301")).toBe(normalizeText("é"));
  });

  it("removes zero-width characters and soft hyphens", () => {
    expect(normalizeText("pi\u200Blo\u00ADt\uFEFF")).toBe("pilot");
  });

  it("leaves the marks of RTL and Indic scripts alone", () => {
    expect(normalizeText("الطيّار")).toBe("الطيّار");
    expect(normalizeText("שָׁלוֹם")).toBe("שָׁלוֹם".normalize("NFKC"));
    expect(normalizeText("हिन्दी")).toBe("हिन्दी");
  });
});

describe("tokenSpans", () => {
  it("returns offsets into the original text", () => {
    const text = "  Ação, PILOTS' Straße!";
    const spans = tokenSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["Ação", "PILOTS", "Straße"]);
    expect(spans.map((s) => s.norm)).toEqual(["acao", "pilots", "strasse"]);
  });

  it("keeps words split only by zero-width characters together", () => {
    const text = "the pi\u200Blot";
    const [, pilot] = tokenSpans(text);
    expect(pilot).toMatchObject({ start: 4, end: 10, norm: "pilot" });
  });

  it("splits CJK runs into overlapping bigrams with offsets", () => {
    const text = "在東京大学";
    expect(norms(text)).toEqual(["在東", "東京", "京大", "大学"]);
    expect(tokenSpans(text).map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [1, 3],
      [2, 4],
      [3, 5],
    ]);
    expect(norms("猫")).toEqual(["猫"]);
    expect(norms("Cessnaの機体")).toEqual(["cessna", "の機", "機体"]);
    expect(norms("ﾊﾟｲﾛｯﾄ")).toContain("ロッ");
  });

  it("keeps RTL and Korean words whole", () => {
    expect(norms("قال الطيّار")).toEqual(["قال", "الطيّار"]);
    expect(norms("비행기 조종사")).toEqual(["비행기", "조종사"]);
  });

  it("handles numbers, codes, apostrophes and emoji", () => {
    expect(norms("2,319 hours at 30.27 inches")).toEqual(["2319", "hours", "at", "30", "27", "inches"]);
    expect(norms("N5921D O-320")).toEqual(["n5921d", "o", "320"]);
    expect(norms("the pilot's l'avion don't")).toEqual(["the", "pilot", "avion", "dont"]);
    expect(norms("✈️ pilot 😀 👩‍✈️")).toEqual(["pilot"]);
  });

  it("cuts very long tokens to MAX_TERM_LENGTH", () => {
    const spans = tokenSpans("a".repeat(10_000));
    expect(spans).toHaveLength(1);
    expect(spans[0]?.norm).toHaveLength(MAX_TERM_LENGTH);
    expect(spans[0]?.end).toBe(10_000);
  });

  it("property: spans are ordered, inside the text and their terms are plain letter/digit runs", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        let last = 0;
        for (const span of tokenSpans(text)) {
          expect(span.start).toBeGreaterThanOrEqual(last);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(span.term).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
          last = span.start;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("indexText and queryTerms", () => {
  it("stores a stemmed, folded token stream", () => {
    expect(indexText("The pilots were landing at São Paulo.")).toBe("the pilot were land at sao paul");
  });

  it("drops stop words of the query's language and stems the rest", () => {
    expect(queryTerms("What was the probable cause of the accident?")).toEqual(["probabl", "caus", "accident"]);
    expect(queryTerms("Qual foi a causa provável do acidente?")).toEqual(["caus", "provavel", "acident"]);
    expect(queryTerms("¿Cuál fue la causa del accidente?")).toEqual(["caus", "accident"]);
    expect(queryTerms("Qui était le secrétaire de la séance?")).toEqual(["secretair", "seanc"]);
    expect(queryTerms("Quelle est la cause probable de l’accident ?")).toEqual(["caus", "probabl", "accident"]);
  });

  it("drops the 't' of an inverted French question and 'au sujet de' (about), which name no topic", () => {
    expect(queryTerms("À quelle heure la séance a-t-elle été levée ?")).toEqual(["heur", "seanc", "leve"]);
    expect(queryTerms("Qu'est-ce qui a été décidé au sujet de la demande de démolition ?")).toEqual([
      "decid",
      "demand",
      "demolicion",
    ]);
    expect(queryTerms("Qu’a-t-on dit à propos du bâtiment ?")).not.toContain("propos");
  });

  it("meets the English document from a Portuguese or Spanish question on shared stems", () => {
    const doc = new Set(terms("The pilot's improper flare caused the accident; information about engines."));
    for (const q of ["pilotos", "informação", "información", "motores e engines"]) {
      expect(queryTerms(q).some((t) => doc.has(t))).toBe(true);
    }
  });

  it("deduplicates, keeps order and keeps stop-word-only queries", () => {
    expect(queryTerms("pilot PILOTS pilot's engine")).toEqual(["pilot", "engin"]);
    expect(queryTerms("The Who")).toEqual(["the", "who"]);
    expect(queryTerms("   ...  ")).toEqual([]);
  });

  it("caps the number of terms", () => {
    const many = Array.from({ length: 100 }, (_, i) => `word${i}`).join(" ");
    expect(queryTerms(many)).toHaveLength(MAX_QUERY_TERMS);
  });

  it("property: every query term of a text is a term of the same text's index (one function both ways)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (text) => {
        const indexed = new Set(terms(text));
        for (const term of queryTerms(text)) expect(indexed.has(term)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("property: case and diacritics never change the index", () => {
    const word = fc.constantFrom("ação", "Pilotos", "MOTOR", "decisão", "Información", "aterrizaje", "naïve");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (words) => {
        const text = words.join(" ");
        const folded = text.normalize("NFD").replace(/\p{Mn}/gu, "");
        expect(indexText(text.toUpperCase())).toBe(indexText(folded.toLowerCase()));
      }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { npmi } from "./graph";
import { outsideSentence, pagePhrases } from "./phrases";

const surfaces = async (text: string) => (await pagePhrases(text)).mentions.map((m) => m.surface);

describe("pagePhrases", () => {
  it("tags English noun phrases and names with wink-nlp, each with its sentence and offset", async () => {
    const text = "The pilot lost engine power. The National Transportation Safety Board examined the left magneto.";
    const found = await pagePhrases(text);
    expect(found.language).toBe("en");
    expect(found.sentences).toBe(2);
    expect(found.mentions.map((m) => m.surface)).toEqual(
      expect.arrayContaining(["pilot", "engine power", "National Transportation Safety Board", "left magneto"]),
    );
    for (const m of found.mentions) expect(text.slice(m.start, m.start + m.surface.length)).toBe(m.surface);
    expect(found.mentions.find((m) => m.surface === "left magneto")?.sentence).toBe(1);
  });

  it("finds Portuguese noun phrases with 'de' inside and without verbs or stop words", async () => {
    const found = await surfaces(
      "O piloto perdeu potência do motor durante a aproximação. A Agência Nacional de Aviação Civil investigou o acidente aéreo e a falha de combustível.",
    );
    expect(found).toEqual(
      expect.arrayContaining(["Agência Nacional de Aviação Civil", "acidente aéreo", "falha de combustível"]),
    );
    expect(found.some((s) => /^(investigou|perdeu|durante)$/i.test(s))).toBe(false);
  });

  it("finds Spanish noun phrases", async () => {
    const found = await surfaces(
      "El piloto informó una pérdida de potencia del motor. La Junta de Investigación de Accidentes revisó la hélice dañada.",
    );
    expect(found).toEqual(expect.arrayContaining(["pérdida de potencia del motor", "hélice dañada"]));
  });
});

describe("npmi", () => {
  it("is 1 for concepts always together, 0 for independent ones, negative for ones that avoid each other", () => {
    expect(npmi(10, 10, 10, 100)).toBeCloseTo(1);
    expect(npmi(1, 10, 10, 100)).toBeCloseTo(0);
    expect(npmi(1, 50, 50, 100)).toBeLessThan(0);
  });
});

describe("outsideSentence", () => {
  const page = [
    "Date & Time: 12/08/2007, 1730 EST Registration: N5921D",
    "Aircraft: Piper PA-22-150 Aircraft Damage: Substantial",
    "Findings",
    "Type of Flight Plan Filed: None Departure Point: Tallahassee, FL",
    "1. OBJECT - TREE(S)",
    "The pilot reported calm winds: the airplane contacted trees on final approach.",
  ].join("\n");
  const at = (word: string) => outsideSentence(page, page.indexOf(word), word);

  it("takes form field names, short values, headings and code lines for what they are", () => {
    expect(at("Registration")).toBe(true);
    expect(at("Type")).toBe(true);
    expect(at("Departure Point")).toBe(true);
    expect(at("Substantial")).toBe(true);
    expect(at("Findings")).toBe(true);
    expect(at("OBJECT")).toBe(true);
  });

  it("keeps mentions inside sentences, a colon in a sentence included", () => {
    expect(at("pilot")).toBe(false);
    expect(at("final approach")).toBe(false);
    expect(at("trees")).toBe(false);
  });
});

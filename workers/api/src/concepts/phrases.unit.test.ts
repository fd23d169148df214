import { describe, expect, it } from "vitest";
import { npmi } from "./graph";
import { pagePhrases } from "./phrases";

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

import { describe, expect, it } from "vitest";
import { stemWord } from "./stem";

/** Groups of words that must share one stem. */
const SAME_STEM: string[][] = [
  // English inflections
  ["pilot", "pilots"],
  ["land", "lands", "landed", "landing", "landings"],
  ["engine", "engines"],
  ["make", "making"],
  ["hope", "hoping", "hoped"],
  ["stop", "stopped", "stopping", "stops"],
  ["carry", "carried", "carries"],
  ["family", "families"],
  ["class", "classes"],
  ["box", "boxes"],
  ["crash", "crashes"],
  ["quick", "quickly"],
  ["dark", "darkness"],
  ["report", "reported", "reporting", "reports"],
  ["base", "based"],
  // Portuguese plurals, gender, suffixes
  ["piloto", "pilotos", "pilota", "pilotas"],
  ["informacao", "informacoes"],
  ["aviao", "avioes"],
  ["animal", "animais"],
  ["papel", "papeis"],
  ["homem", "homens"],
  ["capitao", "capitaes"],
  ["rapida", "rapidamente", "rapidas"],
  ["cidade", "cidades"],
  ["motor", "motores"],
  // Spanish
  ["informacion", "informaciones"],
  ["decision", "decisiones"],
  ["flor", "flores"],
  ["avion", "aviones"],
  ["coche", "coches"],
  ["ciudad", "ciudades"],
  // Cognates across the three languages
  ["information", "informacion", "informacao"],
  ["decision", "decisao", "decisions", "decisoes"],
  ["capacity", "capacidad", "capacidade", "capacities", "capacidades"],
  ["rapidly", "rapidamente"],
  ["pilot", "piloto", "pilotos"],
  ["problem", "problema", "problems", "problemas"],
];

describe("stemWord", () => {
  for (const group of SAME_STEM) {
    it(`conflates ${group.join(", ")}`, () => {
      const stems = new Set(group.map(stemWord));
      expect([...stems]).toHaveLength(1);
    });
  }

  it("keeps words that only look inflected", () => {
    expect(stemWord("status")).toBe("status");
    expect(stemWord("analysis")).toBe("analysis");
    expect(stemWord("onibus")).toBe("onibus");
    expect(stemWord("being")).toBe("being");
    expect(stemWord("wing")).toBe("wing");
    expect(stemWord("wings")).toBe("wing");
    expect(stemWord("need")).toBe("need");
  });

  it("keeps different words apart", () => {
    expect(stemWord("landing")).not.toBe(stemWord("lending"));
    expect(stemWord("engine")).not.toBe(stemWord("engineer"));
    expect(stemWord("area")).not.toBe(stemWord("are"));
  });

  it("leaves short words, numbers, mixed and non-Latin tokens alone", () => {
    for (const word of ["gas", "a", "n5921d", "o320", "1500", "東京", "пилоты", "طيار", "δρόμος"]) {
      expect(stemWord(word)).toBe(word);
    }
  });

  it("never returns an empty or longer-than-input stem for a-z words", () => {
    const words = ["ness", "mente", "ing", "sing", "lying", "ies", "sses", "oes", "coes", "aaaa", "zzzzz"];
    for (const word of words) {
      const stem = stemWord(word);
      expect(stem.length).toBeGreaterThanOrEqual(Math.min(3, word.length));
      expect(stem.length).toBeLessThanOrEqual(word.length + 2);
    }
  });
});

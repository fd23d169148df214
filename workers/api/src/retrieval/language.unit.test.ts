import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language";

describe("detectLanguage", () => {
  it.each([
    ["What was the probable cause of the accident?", "en"],
    ["and what about its engine?", "en"],
    ["Qual foi a causa provável do acidente?", "pt"],
    ["e o motor?", "pt"],
    ["Quem era o operador do avião?", "pt"],
    ["O piloto não conseguiu manter o controle direcional da aeronave.", "pt"],
    ["¿Cuál era la temperatura en el momento del accidente?", "es"],
    ["y el motor?", "es"],
    ["El piloto perdió el control de la aeronave durante el aterrizaje.", "es"],
  ])("%s -> %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("answers other without evidence", () => {
    expect(detectLanguage("")).toBe("other");
    expect(detectLanguage("N5921D PA-22-150 O-320")).toBe("other");
    expect(detectLanguage("東京大学の研究")).toBe("other");
    expect(detectLanguage("الطيار فقد السيطرة")).toBe("other");
  });

  it("ignores case and reads accents", () => {
    expect(detectLanguage("ELE NÃO SABIA")).toBe("pt");
    expect(detectLanguage("AÑO")).toBe("es");
  });
});

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
    // French shares de, la, le, les, en, que, se with Spanish and Portuguese; a word or letter only French has decides.
    ["Qui était le secrétaire de la séance?", "fr"],
    ["Quelle demande de démolition a été étudiée?", "fr"],
    ["Quelle est la capitale de l'Australie?", "fr"],
    ["Où est le tribunal?", "fr"],
    ["et le moteur?", "fr"],
    ["Quand?", "fr"],
    ["Le pilote n’a pas pu garder le contrôle de l’avion.", "fr"],
    ["L’ordre du jour de la séance est adopté.", "fr"],
    // Ambiguous between French and Spanish: the three-language decision stands.
    ["Que es la mitosis?", "es"],
    ["Cuando sera la reunion?", "es"],
    ["Le budget?", "es"],
  ])("%s -> %s", (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("answers other without evidence", () => {
    expect(detectLanguage("")).toBe("other");
    expect(detectLanguage("N5921D PA-22-150 O-320")).toBe("other");
    expect(detectLanguage("東京大学の研究")).toBe("other");
    expect(detectLanguage("الطيار فقد السيطرة")).toBe("other");
  });

  it("takes no state code, time zone or Spanish 'sur' for French", () => {
    expect(detectLanguage("Location: Belen, NM Accident Number: DEN08CA034")).toBe("other");
    expect(detectLanguage("Date & Time: 12/08/2007, 1730 EST Registration: N5921D")).toBe("other");
    expect(detectLanguage("Reno, NE (RNO)")).toBe("other");
    expect(detectLanguage("Flight Conducted Under: Non-U.S., Non-Commercial")).toBe("other");
    expect(detectLanguage("Menor de 1 mes")).toBe("other");
    expect(detectLanguage("Quiché Sur y Petén Sur por el área de salud")).toBe("es");
    expect(detectLanguage("It's the pilot's son; he didn't see it")).toBe("en");
  });

  it("ignores case and reads accents", () => {
    expect(detectLanguage("ELE NÃO SABIA")).toBe("pt");
    expect(detectLanguage("AÑO")).toBe("es");
    expect(detectLanguage("PROCÈS-VERBAL")).toBe("fr");
  });
});

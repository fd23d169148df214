import { describe, expect, it } from "vitest";
import { locales, negotiateLocale, translate } from "./index";
import { en } from "./messages/en";
import { es } from "./messages/es";
import { ptBR } from "./messages/pt-br";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it.each([
    ["pt-BR", ptBR],
    ["es", es],
  ] as const)("%s has every English key, with the same placeholders", (_, dictionary) => {
    expect(Object.keys(dictionary).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders(dictionary[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });

  it("fills placeholders", () => {
    expect(translate("pt-BR", "notebooks.created", { title: "Química" })).toBe("Caderno “Química” criado.");
  });

  it("negotiates from Accept-Language", () => {
    expect(negotiateLocale("pt-PT,pt;q=0.9,en;q=0.5")).toBe("pt-BR");
    expect(negotiateLocale("es-MX")).toBe("es");
    expect(negotiateLocale("de-DE,de;q=0.9")).toBe("en");
    expect(locales).toContain(negotiateLocale(null));
  });
});

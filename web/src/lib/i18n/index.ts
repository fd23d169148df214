/**
 * Small, dependency-free i18n: one dictionary per locale, `{name}` placeholders, and locale negotiation
 * from Accept-Language. Locale-independent, so it runs the same on the server and in the browser.
 */
import { en, type MessageKey, type Messages } from "./messages/en";
import { es } from "./messages/es";
import { ptBR } from "./messages/pt-br";

export type { MessageKey } from "./messages/en";

export const locales = ["en", "pt-BR", "es"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
/** Cookie holding the language the student picked; it overrides Accept-Language. */
export const LANG_COOKIE = "lang";

/** Each language's name in that language, so a student finds theirs whatever the page's language is. */
export const localeNames: Record<Locale, string> = { en: "English", "pt-BR": "Português (Brasil)", es: "Español" };

const dictionaries: Record<Locale, Messages> = { en, "pt-BR": ptBR, es };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(params[name] ?? placeholder));
}

/**
 * Picks the best supported locale for an Accept-Language header: exact tags first (by q-value),
 * then the same primary language (`pt`, `pt-PT` → pt-BR; `es-MX` → es; `en-GB` → en).
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranges = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isNaN(quality) ? 0 : quality, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const { tag } of ranges) {
    const exact = locales.find((locale) => locale.toLowerCase() === tag);
    if (exact) return exact;
    const primary = tag.split("-")[0];
    const sameLanguage = locales.find((locale) => locale.toLowerCase().split("-")[0] === primary);
    if (sameLanguage) return sameLanguage;
  }
  return defaultLocale;
}

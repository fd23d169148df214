import { createContext } from "svelte";
import { type Locale, type Translate, translate } from "./index";

const [getLocale, setLocale] = createContext<() => Locale>();

/** Called once by the root layout; the getter keeps `t()` reactive when the locale changes. */
export function provideLocale(locale: () => Locale): void {
  setLocale(locale);
}

/** `t()` for the current component tree; call during component initialisation. */
export function useTranslate(): Translate {
  const locale = getLocale();
  return (key, params) => translate(locale(), key, params);
}

/** The current locale, for `lang` attributes and date formatting. */
export function useLocale(): () => Locale {
  return getLocale();
}

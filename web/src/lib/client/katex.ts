/**
 * KaTeX, loaded the first time an answer contains math (most do not), with its stylesheet and fonts.
 * `trust: false` and `maxExpand` keep model-written TeX from doing anything but typesetting.
 */
import type { RenderMath } from "$lib/answer-html";

let loading: Promise<RenderMath> | undefined;

export function loadKatex(): Promise<RenderMath> {
  loading ??= Promise.all([import("katex"), import("katex/dist/katex.min.css")]).then(([{ default: katex }]) => {
    return (tex: string, display: boolean) =>
      katex.renderToString(tex, { displayMode: display, throwOnError: false, trust: false, maxExpand: 200 });
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

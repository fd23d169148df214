/**
 * A table's caption: the last lines of the prose just above it. Read by chunking (every later piece of a table
 * split over chunks carries its caption and header rows as context, so the index, the embedder and the answer
 * know what its rows are) and by the extractive answer (a row is matched through its caption too).
 */

/** A caption's first line: "Table 6.", "Anexo II -Despesa …", "Cuadro 1.". */
export const CAPTION_START =
  /^(?:table|tabla|tabela|quadro|cuadro|figure|figura|gráfico|grafico|chart|anexo|annex)\s*[\dIVX]/iu;

/**
 * How many of the last lines above a table are searched for its caption's first line: a caption wrapped over three
 * lines ("Table 6. Number of deaths and age-adjusted death rates for / coronary heart disease and stroke, by
 * state/area — / …, 2006"), or a caption and a units line ("Anexo II -Despesa … por Órgão Orçamentário" /
 * "Valores Correntes").
 */
export const CAPTION_LINES = 4;

/**
 * The caption of a table below `prose`: from its "Table 6." line when one of the last `CAPTION_LINES` lines
 * starts so, else the last two lines.
 */
export function captionLines(prose: string): string[] {
  const lines = prose
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const last = lines.slice(-CAPTION_LINES);
  const start = last.findLastIndex((l) => CAPTION_START.test(l));
  return start >= 0 ? last.slice(start) : lines.slice(-2);
}

import { describe, expect, it } from "vitest";
import { CDC_TABLE_1, CDC_TABLE_6, GT_CUADRO_1, NCES_NORTHEAST, PLOA_2019_ANEXO_II } from "../../test/answer-tables";
import { extractiveAnswer } from "./extractive";
import { superlativeOf } from "./superlative";
import { singlePagePassage } from "./types";

/** A chunk of the document `title` on `page` (`score`: the retrieval's order; `context`: the chunk's heading). */
const chunkOf =
  (title: string) =>
  (page: number, text: string, score: number, context: string | null = null) =>
    singlePagePassage({
      chunkId: `${title}#${page}#${score}`,
      documentId: title,
      documentTitle: title,
      pageStart: page,
      text,
      score,
      context,
    });

// The notes under Table 6 on page 4: the footnote "from highest to lowest rate" is what the old answer quoted.
const CDC_NOTES = `Abbreviation: CI = conidence interval.
* Per 100,000 U.S. standard population.
† In order of coronary heart disease rank, from highest to lowest rate.`;

const cdc = chunkOf("us-cdc-heart-disease-stroke-deaths-2006");
// Table 1 (by sex and race, the same headers) ranked above Table 6 (by state), as a search may return them.
const CDC = [cdc(2, CDC_TABLE_1, 1), cdc(4, `${CDC_TABLE_6}\n\n${CDC_NOTES}`, 0.5)];

describe("superlative questions answered from a table", () => {
  it("quotes the state with the lowest figure in the column the question names, cited to its row", () => {
    const answer = extractiveAnswer("Which state had the lowest coronary heart disease death rate in 2006?", CDC);
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]).toMatchObject({
      page: 4,
      quote: "| Utah | 1,462 | 77.5 | (73.5–81.5) | 674 | 36.2 | (33.5–38.9) |",
    });
    expect(answer.text).toContain("| State/Area | Coronary heart disease Rate |");
    expect(answer.text).toContain("| Utah | 77.5 |");
    expect(answer.text).toContain("among the 51 rows compared");
  });

  it("a question whose abbreviation is glossed (acronyms.ts) is answered as its words are: the letters need not be in the table", () => {
    const glossed = "Which state had the lowest coronary heart disease (CHD) death rate in 2006?";
    const answer = extractiveAnswer(glossed, CDC, { named: ["2006"] });
    expect(answer.citations[0]?.quote).toBe("| Utah | 1,462 | 77.5 | (73.5–81.5) | 674 | 36.2 | (33.5–38.9) |");
    expect(answer.text).toContain("among the 51 rows compared");
  });

  it("reads another column of the same table for another measure, and the highest figure when asked", () => {
    const answer = extractiveAnswer("Which state had the highest stroke death rate in 2006?", CDC);
    expect(answer.citations.map((c) => c.quote)).toEqual([
      "| Arkansas | 5,100 | 160.1 | (155.7–164.5) | 1,884 | 58.8 | (56.1–61.4) |",
    ]);
    expect(answer.text).toContain("| Arkansas | 58.8 |");
  });

  it("compares the rows of a table split over two chunks, the second carrying the header in its context", () => {
    const [caption, rows] = [CDC_TABLE_6.split("\n\n")[0] as string, CDC_TABLE_6.split("\n\n")[1] as string];
    const lines = rows.split("\n");
    const header = lines.slice(0, 2).join("\n");
    const first = `${caption}\n\n${lines.slice(0, 30).join("\n")}`;
    const second = lines.slice(30).join("\n");
    const split = [cdc(4, second, 1, header), cdc(4, first, 0.5)];
    const lowest = extractiveAnswer("Which state had the lowest coronary heart disease death rate in 2006?", split);
    expect(lowest.citations[0]?.quote).toContain("| Utah | 1,462 | 77.5 |");
    expect(lowest.text).toContain("among the 51 rows compared");
    const highest = extractiveAnswer("Which state had the highest coronary heart disease death rate in 2006?", split);
    expect(highest.citations[0]?.quote).toContain("| District of Columbia | 1,144 | 193.5 |");
  });

  it("leaves out TOTAL and SUBTOTAL rows and reads Brazilian figures (277.028.371, 0,42)", () => {
    const ploa = chunkOf("br-orcamento-federal-2019-anexos");
    const passages = [ploa(2, PLOA_2019_ANEXO_II, 1)];
    const most = extractiveAnswer("Qual órgão tem a maior despesa total no orçamento de 2019?", passages);
    expect(most.citations.map((c) => c.quote)).toEqual([
      "| DÍVIDA PÚBLICA FEDERAL | 1.422.153.155.474 | 0 | 1.422.153.155.474 | 0,00 | 0,00 | 0,00 | 43,59 |",
    ]);
    expect(most.text).toContain("| Discriminação | Total C = (A+B) |");
    const least = extractiveAnswer("Qual órgão tem a menor despesa total no orçamento de 2019?", passages);
    expect(least.citations[0]?.quote).toContain("| GABINETE DA VICE-PRESIDÊNCIA DA | 19.307.384 |");
    expect(least.text).toMatch(/^O menor valor de “Total C = \(A\+B\)”/u);
  });

  it("leaves out the country's total row of a Spanish table, whose figures have decimal points", () => {
    const gt = chunkOf("gt-enfermedades-agua-alimentos-2018");
    const passages = [gt(3, GT_CUADRO_1, 1)];
    const cases = extractiveAnswer("¿Qué área de salud tuvo más casos de ETA en 2018?", passages);
    expect(cases.citations.map((c) => c.quote)).toEqual(["| Huehuetenango | 85754 | 6443.15 | 87211 | 6409.30 |"]);
    const rate = extractiveAnswer("¿Qué área de salud tuvo la mayor tasa de ETA en 2018?", passages);
    expect(rate.citations[0]?.quote).toBe("| Ixcán | 12777 | 10747.00 | 15484 | 12559.72 |");
    expect(rate.text).toContain("| AREA DE SALUD | 2018 Tasas |");
  });

  it("leaves out a region's row, the sum of its states' rows below it", () => {
    const nces = chunkOf("us-nces-education-projections-2021");
    const answer = extractiveAnswer("Which state had the most public high school graduates in 2003–04?", [
      nces(1, NCES_NORTHEAST, 1),
    ]);
    expect(answer.citations[0]?.quote).toMatch(/^\| New York \| 142,526 \|/u);
  });
});

describe("superlative questions a table does not answer for certain", () => {
  it("answers as before when two columns fit the question equally (Stroke no., Stroke Rate)", () => {
    const answer = extractiveAnswer("Which state had the most stroke deaths in 2006?", CDC);
    expect(answer.text).not.toMatch(/^The highest/u);
  });

  it("answers as before when the table is about something else than the question (ETAs, not dysentery)", () => {
    const gt = chunkOf("gt-enfermedades-agua-alimentos-2018");
    const answer = extractiveAnswer("¿Qué área de salud tuvo la menor tasa de disentería en 2018?", [
      gt(3, GT_CUADRO_1, 1),
    ]);
    expect(answer.text).not.toMatch(/^El menor valor/u);
  });

  it("leaves a question that asks for no extreme to the row it names", () => {
    const answer = extractiveAnswer(
      "What was the age-adjusted coronary heart disease death rate in Minnesota in 2006?",
      CDC,
    );
    expect(answer.citations[0]?.quote).toContain("| Minnesota | 4,430 | 79.7 |");
    expect(answer.text).not.toMatch(/^The (?:highest|lowest)/u);
  });
});

describe("what asks for an extreme", () => {
  it("finds the superlative of each language, not a comparison with a figure", () => {
    expect(superlativeOf("Which state had the fewest permit checks?", "en")).toEqual({
      extreme: "min",
      word: "fewest",
    });
    expect(superlativeOf("Qual órgão tem a maior despesa?", "pt")?.extreme).toBe("max");
    expect(superlativeOf("¿Qué área tuvo más casos?", "es")?.extreme).toBe("max");
    expect(superlativeOf("How many states had at least 100 deaths?", "en")).toBeNull();
    expect(superlativeOf("Quantos órgãos têm mais de 100 cargos?", "pt")).toBeNull();
    expect(superlativeOf("¿Cuántas áreas tuvieron más de 100 casos?", "es")).toBeNull();
    expect(superlativeOf("¿Cuántos casos en menores de 5 años?", "es")).toBeNull();
    expect(superlativeOf("Which was higher, the highest or the lowest?", "en")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { pageTextFromItems } from "./extract-pdf";
import { findTables, type PositionedItem, parseMarkdownTable } from "./pdf-tables";

const CHAR = 5; // a 10-point font's average character width

/** A text item at (x, y), left-aligned, with a width from its length. */
function at(str: string, x: number, y: number, height = 10): PositionedItem {
  return { str, transform: [height, 0, 0, height, x, y], width: str.length * CHAR, height };
}

/** A right-aligned item ending at `right`. */
function ending(str: string, right: number, y: number): PositionedItem {
  return at(str, right - str.length * CHAR, y);
}

/** Lines of prose from `x`, one every 12 points downwards from `y`. */
function prose(lines: string[], x: number, y: number): PositionedItem[] {
  return lines.map((l, i) => ({ ...at(l, x, y - i * 12), hasEOL: true }));
}

// A quarterly statement laid out like a 10-Q: two spanning headings, dates on two lines, "$" apart
// from its amount, negatives in parentheses, a dash for zero, a percentage, a label that wraps.
const RIGHTS = [300, 370, 450, 520];
function statement(): PositionedItem[] {
  const items: PositionedItem[] = [
    at("Three Months Ended", 262, 700),
    at("Nine Months Ended", 414, 700),
    ...["July 1,", "June 25,", "July 1,", "June 25,"].map((s, i) => ending(s, (RIGHTS[i] ?? 0) - 5, 688)),
    ...["2023", "2022", "2023", "2022"].map((s, i) => ending(s, (RIGHTS[i] ?? 0) - 8, 676)),
  ];
  const rows: [string, string[], boolean?][] = [
    ["Products", ["60,584", "63,355", "230,901", "238,574"], true],
    ["Services", ["21,213", "19,604", "62,886", "58,018"]],
    ["Total net sales", ["81,797", "82,959", "293,787", "304,182"], true],
    ["Other income/(expense), net", ["(265)", "(10)", "(594)", "—"]],
    ["Gross margin percentage", ["44.5%", "43.3%", "44.1%", "43.3%"]],
  ];
  let y = 660;
  for (const [label, values, dollars] of rows) {
    items.push(at(label, 72, y));
    values.forEach((v, i) => {
      if (dollars) items.push(at("$", (RIGHTS[i] ?? 0) - 55, y));
      items.push(ending(v, RIGHTS[i] ?? 0, y));
    });
    y -= 12;
  }
  // A label that wraps onto a second, indented line carrying the figures.
  items.push(at("Effect of dilutive share-based", 72, y));
  items.push(at("awards", 80, y - 12));
  items.push(...["14,935", "15,325", "15,697", "16,277"].map((v, i) => ending(v, RIGHTS[i] ?? 0, y - 12)));
  return items;
}

describe("findTables on a financial statement", () => {
  const [table] = findTables(statement());

  it("finds one table with a label column and four figure columns", () => {
    expect(findTables(statement())).toHaveLength(1);
    expect(table?.header).toHaveLength(5);
  });

  it("prefixes each spanning heading to both columns under it, over the two date lines", () => {
    expect(table?.header.slice(1)).toEqual([
      "Three Months Ended July 1, 2023",
      "Three Months Ended June 25, 2022",
      "Nine Months Ended July 1, 2023",
      "Nine Months Ended June 25, 2022",
    ]);
  });

  it("keeps right-aligned amounts in their columns, with $, parentheses, dashes and %", () => {
    const row = (label: string) => table?.rows.find((r) => r[0] === label);
    expect(row("Total net sales")).toEqual(["Total net sales", "$ 81,797", "$ 82,959", "$ 293,787", "$ 304,182"]);
    expect(row("Other income/(expense), net")).toEqual(["Other income/(expense), net", "(265)", "(10)", "(594)", "—"]);
    expect(row("Gross margin percentage")?.[3]).toBe("44.1%");
  });

  it("joins a row label that wraps onto the line with its figures", () => {
    expect(table?.rows.at(-1)).toEqual([
      "Effect of dilutive share-based awards",
      "14,935",
      "15,325",
      "15,697",
      "16,277",
    ]);
  });

  it("joins a label's tail that wraps below the line with its figures", () => {
    const items = [
      ...["Median household income", "Income inequality (Gini", "index)", "Premature mortality"].map((l, i) =>
        at(l, 72, 700 - i * 12),
      ),
      ...[0, 1, 3].flatMap((line, r) => RIGHTS.map((right, c) => ending(`${r}.${c}5`, right, 700 - line * 12))),
    ];
    expect(findTables(items)[0]?.rows.map((r) => r[0])).toEqual([
      "Median household income",
      "Income inequality (Gini index)",
      "Premature mortality",
    ]);
  });

  it("writes the table into the page text as Markdown that parses back", () => {
    const text = pageTextFromItems([
      ...prose(["CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS"], 72, 740),
      ...statement(),
    ]);
    const [title, block] = text.split("\n\n");
    expect(title).toBe("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS");
    expect(block?.split("\n")[1]).toBe("| --- | --- | --- | --- | --- |");
    const parsed = parseMarkdownTable(block ?? "");
    expect(parsed?.header[1]).toBe("Three Months Ended July 1, 2023");
    expect(parsed?.rows[2]).toEqual(["Total net sales", "$ 81,797", "$ 82,959", "$ 293,787", "$ 304,182"]);
  });
});

describe("findTables stays out of what is not a table", () => {
  it("leaves two columns of prose alone, even with figures in them", () => {
    const left = [
      "In 2023 revenue rose by",
      "12,000 units to reach a",
      "record for the group, and",
      "costs fell by 3,400.",
    ];
    const right = [
      "The board expects 2024",
      "to bring 1,500 more jobs",
      "across 12 sites, with the",
      "largest in 2,000 towns.",
    ];
    const items = [...prose(left, 72, 700), ...prose(right, 320, 700)];
    expect(findTables(items)).toEqual([]);
  });

  it("leaves a form of Label: value pairs alone", () => {
    const items = [
      ["Aircraft Make: Cessna", "Registration: N12345"],
      ["Model: 172", "Engines: 1"],
      ["Year of Manufacture: 1977", "Seats: 4"],
      ["Total Time: 5,210 hours", "Fuel on Board: 40 gallons"],
    ].flatMap(([a, b], i) => [at(a ?? "", 72, 700 - i * 12), at(b ?? "", 330, 700 - i * 12)]);
    expect(findTables(items)).toEqual([]);
  });

  it("leaves bulleted lists and a table of contents alone", () => {
    const list = ["• 12 apples", "• 3 pears", "• 40 plums", "• 7 figs"].flatMap((s, i) => [
      at(s, 72, 700 - i * 12),
      at(`• ${10 + i} more`, 330, 700 - i * 12),
    ]);
    expect(findTables(list)).toEqual([]);
    const contents = ["Introduction", "Methods", "Results", "Discussion"].flatMap((s, i) => [
      at(s, 72, 500 - i * 12),
      ending(String(1 + i * 4), 500, 500 - i * 12),
    ]);
    expect(findTables(contents)).toEqual([]);
  });

  it("leaves a column of prose beside a small table alone", () => {
    const left = [
      "incidents did the subject move from the campus",
      "grounds or parking lots to buildings, move",
      "between buildings, or cause injuries and deaths",
      "in more than one location on campus. In addition",
    ];
    const right = ["Residence", "Grounds", "Academic", "Services"];
    const items = left.flatMap((l, i) => [
      at(l, 72, 700 - i * 12),
      at(right[i] ?? "", 330, 700 - i * 12),
      ending(String(60 - i * 9), 460, 700 - i * 12),
    ]);
    expect(findTables(items)).toEqual([]);
  });

  // CDC's "Table 6" laid out as on its page: a table in the left column, the discussion running on in the right
  // column on the same lines and between the rows (lines 7.5 points apart under the table, 10 beside it).
  const STATES: [string, string, string, string][] = [
    ["New York", "39,385", "181.2", "6,398"],
    ["Oklahoma", "6,930", "177.4", "2,085"],
    ["Tennessee", "10,602", "167.8", "3,407"],
    ["Minnesota", "4,430", "79.7", "2,219"],
  ];
  const DISCUSSION = [
    "disparities in heart disease and stroke among persons who already",
    "have heart disease or have experienced a stroke often focuses on",
    "differences in access to care, use of diagnostic and surgical procedures",
    "and type of medication used in treatment. Research examining the",
    "promotion of cardiovascular health through preventing onset of",
    "hypertension should be given priority because major disparities exist",
  ];
  /** The table's rows (figures ending at `rights`) with, when `withProse`, the discussion beside them. */
  function besideDiscussion(
    labels: string[] = STATES.map((s) => s[0]),
    { headings = true, withProse = true, rights = [150, 200, 270] } = {},
  ): PositionedItem[] {
    const [n = 0, rate = 0, stroke = 0] = rights;
    const items: PositionedItem[] = [];
    if (headings) items.push(at("State/Area", 45, 664), ending("no.", n, 664), ending("Rate", rate, 664));
    if (headings) items.push(ending("Stroke no.", stroke, 664));
    if (withProse) items.push({ ...at(DISCUSSION[0] ?? "", 323, 664), hasEOL: true });
    STATES.forEach(([, count, r, s], i) => {
      const y = 652 - i * 20;
      items.push(at(labels[i] ?? "", 45, y), ending(count, n, y), ending(r, rate, y), ending(s, stroke, y));
      if (!withProse) return;
      items.push({ ...at(DISCUSSION[i + 1] ?? "", 323, y), hasEOL: true });
      // A line of the discussion alone, between two rows of the table.
      if (i === 1)
        items.push({ ...at("the initiation and progression of atherosclerosis.", 323, y - 10), hasEOL: true });
    });
    return items;
  }

  it("reads a table whose lines it shares with a column of prose, and leaves the prose as prose", () => {
    const items = besideDiscussion();
    const [table, ...more] = findTables(items);
    expect(more).toEqual([]);
    expect(table?.header).toEqual(["State/Area", "no.", "Rate", "Stroke no."]);
    expect(table?.rows).toContainEqual(["Minnesota", "4,430", "79.7", "2,219"]);
    const text = pageTextFromItems(items);
    expect(parseMarkdownTable(text.split("\n\n").find((p) => p.startsWith("|")) ?? "")?.rows).toHaveLength(4);
    expect(text).toContain("the initiation and progression of atherosclerosis.");
    expect(text).not.toMatch(/\| (?:disparities|have heart)/);
  });

  it("keeps long capitalised row labels as labels: no column of them is set aside as prose", () => {
    const labels = [
      "Pour participer à des activités sociales",
      "Pour se rendre à l'école ou au travail",
      "Pour le loisir ou le sport du quartier",
      "Pour faire les courses dans le quartier",
    ];
    const items = besideDiscussion(labels, { withProse: false, rights: [330, 380, 450] });
    // Too wordy for row labels (a prose column), so no table: not a table of figures without its labels.
    expect(findTables(items)).toEqual([]);
    expect(pageTextFromItems(items)).toContain("Pour le loisir ou le sport du quartier");
  });

  it("reads no table from figures beside prose when they have no headings (a chart's value labels)", () => {
    expect(findTables(besideDiscussion(undefined, { headings: false }))).toEqual([]);
  });

  it("leaves a chart's scattered axis labels and values alone", () => {
    // A bar chart as text: y-axis ticks on both sides, one value label over each bar, decade labels.
    const bars = [200, 280, 360, 420];
    const items = [20_000, 18_000, 16_000, 14_000].flatMap((tick, i) => [
      ending(tick.toLocaleString("en-US"), 100, 700 - i * 24),
      ending(`${3 - i},${i}00`, bars[i] ?? 0, 700 - i * 24),
      ending(String(100 - i * 10), 500, 700 - i * 24),
      at(`${1970 + i * 10}s`, (bars[i] ?? 0) - 20, 688 - i * 24),
    ]);
    expect(findTables(items)).toEqual([]);
  });

  it("keeps today's text for a page without tables", () => {
    const items = prose(["First line of a paragraph", "and its second line."], 72, 700);
    expect(pageTextFromItems(items)).toBe("First line of a paragraph\nand its second line.");
  });

  it("needs three rows of figures", () => {
    const two = [at("Cash", 72, 700), ending("1,200", 300, 700), at("Debt", 72, 688), ending("800", 300, 688)];
    expect(findTables(two)).toEqual([]);
  });
});

describe("findTables on a large page", () => {
  // About 0.3 s on an idle core; the bound leaves room for a loaded CI machine while still failing on
  // quadratic work (which takes minutes at this size).
  it("handles 20,000 items in a few hundred milliseconds", () => {
    const items: PositionedItem[] = [];
    for (let row = 0; row < 2000; row++) {
      items.push(at(`Row ${row}`, 72, 20_000 - row * 10));
      for (let c = 0; c < 9; c++) items.push(ending(`${row},${c}00`, 200 + c * 60, 20_000 - row * 10));
    }
    const started = performance.now();
    const tables = findTables(items);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(tables[0]?.rows).toHaveLength(2000);
    expect(tables[0]?.rows[1999]?.[9]).toBe("1999,800");
  });
});

describe("parseMarkdownTable", () => {
  it("reads header and rows back, unescaping pipes", () => {
    const block = "| Item | Value |\n| --- | --- |\n| a \\| b | 1 |\n| c | |";
    expect(parseMarkdownTable(block)).toEqual({
      header: ["Item", "Value"],
      rows: [
        ["a | b", "1"],
        ["c", ""],
      ],
    });
  });

  it("pads short rows to the header's width", () => {
    expect(parseMarkdownTable("| A | B | C |\n| --- | :---: | ---: |\n| 1 |")?.rows).toEqual([["1", "", ""]]);
  });

  it("answers null for text that is not one table", () => {
    expect(parseMarkdownTable("| A | B |\n| 1 | 2 |")).toBeNull();
    expect(parseMarkdownTable("Total net sales 81,797 82,959")).toBeNull();
    expect(parseMarkdownTable("| A | B |\n| --- | --- |\nplain text")).toBeNull();
    expect(parseMarkdownTable("")).toBeNull();
  });
});

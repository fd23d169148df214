/**
 * A question asked with an abbreviation the notebook spells out once ("coronary heart disease (CHD)") is answered
 * from the table that uses the words, not the letters (acronyms.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, signUp } from "../../test/helpers";
import { askNotebook, notebookWithTexts } from "../../test/notebook-helpers";

let auth: Record<string, string>;
let notebookId: string;

const ask = (question: string) => askNotebook(auth, notebookId, question);

// The CDC report's shape: the letters defined once in prose and used there often (several chunks of it); the
// state table writes the words, in its header only.
const STATES = [
  ["Alabama", "5,120", "148.5"],
  ["Arizona", "5,902", "98.3"],
  ["Arkansas", "3,530", "161.2"],
  ["California", "31,011", "119.3"],
  ["Colorado", "3,012", "87.7"],
  ["Florida", "25,322", "104.6"],
  ["Georgia", "7,420", "121.0"],
  ["Illinois", "15,540", "139.2"],
  ["Kentucky", "5,310", "150.0"],
  ["Minnesota", "3,210", "79.7"],
  ["Mississippi", "4,354", "195.0"],
  ["Nebraska", "2,100", "103.2"],
  ["Nevada", "2,645", "140.1"],
  ["Ohio", "17,930", "150.8"],
  ["Oregon", "3,130", "94.0"],
  ["Texas", "20,501", "131.8"],
  ["Utah", "1,283", "77.5"],
  ["Virginia", "7,120", "112.4"],
];
const PROSE = [
  "Deaths from coronary heart disease (CHD) comprise 67.4% of all deaths from heart disease in the United States.",
  "CHD and stroke death rates declined from 1999 to 2006, but the decline in CHD death rates slowed for younger adults.",
  "Hispanics had lower death rates for both CHD and stroke than non-Hispanics, and black adults had the highest CHD death rates.",
  "The proportion of CHD deaths that occurred among persons aged 45 to 74 years was higher for black women than white women.",
  "CHD death rates by state differ widely, and states with high CHD death rates did not always have high stroke death rates.",
  "The death rates reflect only the underlying cause of death and not other contributing causes such as diabetes.",
];
const REPORT = [
  "# Coronary Heart Disease and Stroke Deaths, 2006",
  ...PROSE.flatMap((p) => [
    p,
    `${p.replace("CHD", "The CHD")} These findings are described in the national vital statistics.`,
  ]),
  "Table 6. Number of deaths and age-adjusted death rates for coronary heart disease, by state",
  "| State | Coronary heart disease no. | Coronary heart disease Rate |",
  "| --- | --- | --- |",
  ...STATES.map((row) => `| ${row.join(" | ")} |`),
].join("\n\n");

beforeAll(async () => {
  auth = bearer(await signUp("Acronyms"));
  ({ notebookId } = await notebookWithTexts(auth, [
    { title: "CDC 2006", text: REPORT },
    { title: "Other", text: "The Centers run surveillance. Heart disease is a leading cause of death in adults." },
  ]));
}, 120_000);

describe("an abbreviation the notebook spells out", () => {
  it("finds the table row that writes the words", async () => {
    const answer = await ask("What was the CHD death rate in Minnesota?");
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).toContain("79.7");
  });

  it("the words asked answer the same", async () => {
    const answer = await ask("What was the coronary heart disease death rate in Minnesota?");
    expect(answer.answer).toContain("79.7");
  });
});

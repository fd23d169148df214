import { describe, expect, it } from "vitest";
import { cellValue, columnGrouping } from "./table-numbers";

const number = (value: number) => expect.objectContaining({ kind: "number", value });

describe("table figures", () => {
  it("reads thousands separators and decimal marks under the column's grouping", () => {
    expect(cellValue("4,430", ",")).toEqual(number(4430));
    expect(cellValue("79.7", ",")).toEqual(number(79.7));
    expect(cellValue("277.028.371", ".")).toEqual(number(277028371));
    expect(cellValue("79,7", ".")).toEqual(number(79.7));
    expect(cellValue("1.422.153.155.474", ".")).toEqual(number(1422153155474));
    expect(cellValue("98 452", ",")).toEqual(number(98452));
    expect(cellValue("-1,250", ",")).toEqual(number(-1250));
  });

  it("drops footnote marks and a trailing percent sign", () => {
    expect(cellValue("69.899.512.158(*)", ".")).toEqual(number(69899512158));
    expect(cellValue("2.7%", ",")).toEqual(number(2.7));
    expect(cellValue("1,144†", ",")).toEqual(number(1144));
  });

  it("tells blanks from cells it cannot read", () => {
    for (const blank of ["", "—", "–", "-", "(X)", "..."]) expect(cellValue(blank, ",").kind).toBe("blank");
    for (const odd of ["(182.2–204.8)", "11,062 6", "1,396 4", "n. 4", "12.5.3"]) {
      expect(cellValue(odd, ",").kind, odd).toBe("unreadable");
    }
  });

  it("takes the grouping a column shows, else the document language's, and none when its cells disagree", () => {
    expect(columnGrouping(["12777", "10747.00", "756,338"], "es")).toBe(",");
    expect(columnGrouping(["0,42", "1,104"], "en")).toBe(".");
    expect(columnGrouping(["157.531", "290.333"], "es")).toBe(".");
    expect(columnGrouping(["1,104", "543"], "en")).toBe(",");
    expect(columnGrouping(["6.837", "1,250"], "es")).toBeNull();
    expect(columnGrouping(["2,753,438", "1.658.610.787"], "en")).toBeNull();
  });
});

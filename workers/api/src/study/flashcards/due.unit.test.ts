import { describe, expect, it } from "vitest";
import { checkTimeZone, endOfLocalDay } from "./due";

describe("end of the student's local day", () => {
  it("is the next local midnight, as a UTC instant", () => {
    const now = new Date("2025-03-09T20:00:00Z");
    expect(endOfLocalDay(now, "UTC").toISOString()).toBe("2025-03-10T00:00:00.000Z");
    // São Paulo is UTC-3 (no DST since 2019): 17:00 local, the day ends at 03:00 UTC.
    expect(endOfLocalDay(now, "America/Sao_Paulo").toISOString()).toBe("2025-03-10T03:00:00.000Z");
    // Tokyo is UTC+9: already 05:00 on the 10th, so that day ends at 15:00 UTC on the 10th.
    expect(endOfLocalDay(now, "Asia/Tokyo").toISOString()).toBe("2025-03-10T15:00:00.000Z");
  });

  it("follows a DST change on the day itself", () => {
    // New York springs forward on 2025-03-09 (UTC-5 → UTC-4): that day's midnight is 04:00 UTC on the 10th.
    expect(endOfLocalDay(new Date("2025-03-09T12:00:00Z"), "America/New_York").toISOString()).toBe(
      "2025-03-10T04:00:00.000Z",
    );
    // …and falls back on 2025-11-02 (UTC-4 → UTC-5): midnight is 05:00 UTC on the 3rd.
    expect(endOfLocalDay(new Date("2025-11-02T12:00:00Z"), "America/New_York").toISOString()).toBe(
      "2025-11-03T05:00:00.000Z",
    );
  });

  it("accepts IANA zones and refuses anything else", () => {
    expect(checkTimeZone(undefined)).toBe("UTC");
    expect(checkTimeZone("America/Sao_Paulo")).toBe("America/Sao_Paulo");
    expect(() => checkTimeZone("Mars/Olympus")).toThrow(/not an IANA time zone/);
  });
});

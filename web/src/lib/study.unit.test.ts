import { describe, expect, it } from "vitest";
import { percent, relativeDue } from "./study";

describe("study helpers", () => {
  const now = Date.parse("2025-06-03T12:00:00Z");

  it("words due times relative to now, in the page's language", () => {
    expect(relativeDue("2025-06-03T12:10:00Z", "en", now)).toBe("in 10 minutes");
    expect(relativeDue("2025-06-04T12:00:00Z", "en", now)).toBe("tomorrow");
    expect(relativeDue("2025-06-06T12:00:00Z", "en", now)).toBe("in 3 days");
    expect(relativeDue("2025-06-03T12:10:00Z", "pt-BR", now)).toBe("em 10 minutos");
    // A card already due reads as now, never "10 minutes ago".
    expect(relativeDue("2025-06-03T11:50:00Z", "en", now)).toBe("now");
  });

  it("formats scores as whole percents, a dash when there is none", () => {
    expect(percent(0.8, "en")).toBe("80%");
    expect(percent(null, "en")).toBe("—");
  });
});

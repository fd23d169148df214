/**
 * A small Prometheus registry for the Worker. Counters and histograms live in isolate memory, so they
 * describe one isolate since it started (Workers run many isolates, recycled at will): scrape them for
 * rates and shapes, not for totals. Totals that must be exact come from D1 (see metrics.d1.ts).
 */

type Labels = Record<string, string>;

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function labelKey(labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",");
}

const braces = (key: string) => (key ? `{${key}}` : "");

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1) {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.values) lines.push(`${this.name}${braces(key)} ${value}`);
    return lines;
  }
}

export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: number[],
  ) {}

  observe(labels: Labels, value: number) {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    this.buckets.forEach((upper, i) => {
      if (value <= upper && s) s.counts[i] = (s.counts[i] ?? 0) + 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const sep = key ? `${key},` : "";
      this.buckets.forEach((upper, i) => {
        lines.push(`${this.name}_bucket{${sep}le="${upper}"} ${s.counts[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket{${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${braces(key)} ${s.sum}`);
      lines.push(`${this.name}_count${braces(key)} ${s.count}`);
    }
    return lines;
  }
}

/** A gauge rendered from values computed at scrape time (e.g. D1 aggregates). */
export function renderGauge(name: string, help: string, samples: { labels?: Labels; value: number }[]): string[] {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`];
  for (const s of samples) lines.push(`${name}${braces(labelKey(s.labels ?? {}))} ${s.value}`);
  return lines;
}

export const httpRequests = new Counter("studyai_http_requests_total", "HTTP requests handled by this isolate.");
export const httpDuration = new Histogram(
  "studyai_http_request_duration_seconds",
  "HTTP request duration in this isolate, by route.",
  [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
);
export const isolateStarted = Date.now();

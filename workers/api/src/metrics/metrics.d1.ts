/** Exact, deployment-wide figures computed from D1 at scrape time (cheap aggregate queries). */
import { renderGauge } from "./registry";

export async function renderD1Gauges(db: D1Database): Promise<string[]> {
  const [users, notebooks] = await db.batch<{ n: number }>([
    db.prepare("SELECT count(*) AS n FROM user"),
    db.prepare("SELECT count(*) AS n FROM notebook"),
  ]);
  return [
    ...renderGauge("studyai_users", "Registered accounts.", [{ value: users?.results[0]?.n ?? 0 }]),
    ...renderGauge("studyai_notebooks", "Notebooks across all accounts.", [{ value: notebooks?.results[0]?.n ?? 0 }]),
  ];
}

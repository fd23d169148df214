import { type ApiEvent, createApi, expectData } from "./api";

export type Health = { status: "ok"; version: string; time: string };

/** What the landing page shows: the API's health, or that it could not be reached. */
export type ServiceStatus = ({ reachable: true } & Health) | { reachable: false };

const HEALTH_TIMEOUT_MS = 2_000;

export function parseHealth(body: unknown): Health {
  if (
    body &&
    typeof body === "object" &&
    "status" in body &&
    body.status === "ok" &&
    "version" in body &&
    typeof body.version === "string" &&
    "time" in body &&
    typeof body.time === "string"
  ) {
    return { status: body.status, version: body.version, time: body.time };
  }
  throw new TypeError("Unexpected /health body");
}

/** Never throws: an unreachable, slow or malformed API is a state to render, not a crash. */
export async function getServiceStatus(event: ApiEvent): Promise<ServiceStatus> {
  try {
    const health = await expectData(
      createApi(event, { as: "none" }).GET("/health", { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) }),
      parseHealth,
    );
    return { reachable: true, ...health };
  } catch (error) {
    console.warn(
      JSON.stringify({
        level: "warn",
        msg: "api health check failed",
        requestId: event.locals.requestId,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    );
    return { reachable: false };
  }
}

import { type ApiEvent, createApi, expectData } from "./api";
import { logFailure } from "./log";

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
    logFailure(event, "api health check failed", error, "warn");
    return { reachable: false };
  }
}

/** What this server can do for the workspace: whether a language model is configured, and upload limits. */
export type Capabilities = {
  /** false: generation answers 503, so its buttons are disabled with the reason shown. */
  model: boolean;
  limits: { maxUploadBytes: number; maxPdfPages: number } | null;
};

/**
 * From `/health/ready`, which reports the providers in use and the limits (a 503 — a dependency failing —
 * still carries them). Never throws: when it cannot say, generation stays offered and the API explains.
 */
export async function getCapabilities(event: ApiEvent): Promise<Capabilities> {
  try {
    const { data, error } = await createApi(event, { as: "none" }).GET("/health/ready", {
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    const body = data ?? error;
    if (!body?.providers) return { model: true, limits: null };
    return { model: body.providers.answers !== "extractive", limits: body.limits ?? null };
  } catch (error) {
    logFailure(event, "capabilities check failed", error, "warn");
    return { model: true, limits: null };
  }
}

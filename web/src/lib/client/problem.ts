/** The few members of a problem+json body the browser looks at. */
export function problemType(body: unknown): string {
  if (body && typeof body === "object" && "type" in body && typeof body.type === "string") return body.type;
  return "";
}

/** Accept a caller's X-Request-Id only if it is short and log-safe; otherwise start a new one. */
const SAFE_REQUEST_ID = /^[\w.:=-]{1,128}$/;

export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/**
 * Multipart upload with progress. fetch() cannot report upload progress in browsers yet, so this is
 * XMLHttpRequest: same origin (/api proxy), the session cookie goes along, no token in script.
 */
export type UploadProgress = { loaded: number; total: number };
/** `retryAfter`: the Retry-After header of a 429 (the queue waits that long, then tries again). */
export type UploadResult = { status: number; body: unknown; retryAfter: string | null };

export class UploadAborted extends Error {
  override name = "UploadAborted";
}

export class UploadNetworkError extends Error {
  override name = "UploadNetworkError";
}

export function uploadFile(
  url: string,
  file: File,
  options: { onprogress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onprogress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        // A non-JSON answer (a platform error page): the status says enough.
      }
      resolve({ status: xhr.status, body, retryAfter: xhr.getResponseHeader("retry-after") });
    };
    xhr.onerror = () => reject(new UploadNetworkError("The upload connection failed"));
    xhr.onabort = () => reject(new UploadAborted("The upload was cancelled"));
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });

    const form = new FormData();
    form.set("file", file, file.name);
    xhr.send(form);
  });
}

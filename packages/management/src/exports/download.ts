import { InvalidInputError, InvalidResponseError, NetworkError, TimeoutError } from "../errors.js";
import { sleep, within } from "../signals.js";
import type { FetchLike } from "../web-types.js";

export interface DownloadOptions {
  signal: AbortSignal | undefined;
  /** The longest wait for the answer or for the next bytes, in ms. */
  idleTimeoutMs: number;
  /** Failed attempts in a row (network errors, 5xx, silences) before giving up. */
  maxRetries: number;
  allowInsecureLocalhost: boolean;
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** `location` as a URL the file may be read from: HTTPS, or `http://localhost` when allowed. */
export function downloadUrl(location: string, allowInsecureLocalhost: boolean): URL {
  let url: URL | undefined;
  try {
    url = new URL(location);
  } catch {}
  const local =
    allowInsecureLocalhost && url?.protocol === "http:" && LOCAL_HOSTS.includes(url.hostname);
  if (!url || (url.protocol !== "https:" && !local)) {
    throw new InvalidInputError("the export's location must be an https:// URL");
  }
  return url;
}

/**
 * The bytes of a signed URL, read as a stream. The request carries no credential of the
 * client (the URL is its own), follows no redirect (a 3xx is an error: workerd refuses
 * `redirect: "error"`, so it is "manual" and checked here) and has no overall time limit:
 * each wait for the answer or the next bytes has `idleTimeoutMs`. A network error, a 5xx or
 * a silence is retried with backoff; after bytes arrived the retry asks for the rest with
 * `Range` (or skips what it had when the server sends the whole file again).
 */
export function downloadStream(fetchImpl: FetchLike, url: URL, o: DownloadOptions) {
  const what = `download of ${url.origin}${url.pathname}`;
  const idle = () =>
    new TimeoutError(`${what}: nothing within ${o.idleTimeoutMs} ms`, o.idleTimeoutMs);
  let received = 0;
  let failures = 0;
  let skip = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  const fail = async (error: unknown) => {
    if (o.signal?.aborted) throw o.signal.reason;
    if (error instanceof InvalidResponseError) throw error;
    reader?.cancel().catch(() => {});
    reader = undefined;
    if (++failures > o.maxRetries) {
      throw error instanceof TimeoutError
        ? error
        : new NetworkError(
            `${what} failed ${failures} times: ${(error as Error)?.message ?? error}`,
            {
              cause: error,
            },
          );
    }
    await sleep(Math.min(250 * 2 ** (failures - 1), 8000), o.signal);
  };

  const open = async () => {
    const headers: Record<string, string> = received > 0 ? { range: `bytes=${received}-` } : {};
    const response = await within(
      fetchImpl(url, { method: "GET", headers, redirect: "manual", signal: o.signal }),
      o.idleTimeoutMs,
      o.signal,
      idle,
    );
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      throw new Error(`answered ${response.status}`);
    }
    if ((response.status !== 200 && response.status !== 206) || !response.body) {
      await response.body?.cancel();
      throw new InvalidResponseError(`${what} answered ${response.status}`, {
        statusCode: response.status,
      });
    }
    skip = response.status === 200 ? received : 0;
    return response.body.getReader();
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        try {
          reader ??= await open();
          const { done, value } = await within(reader.read(), o.idleTimeoutMs, o.signal, idle);
          if (done) return controller.close();
          failures = 0;
          const fresh = skip >= value.length ? undefined : value.subarray(skip);
          skip = Math.max(0, skip - value.length);
          if (fresh) {
            received += fresh.length;
            return controller.enqueue(fresh);
          }
        } catch (error) {
          await fail(error);
        }
      }
    },
    cancel() {
      reader?.cancel().catch(() => {});
    },
  });
}

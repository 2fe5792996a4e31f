import type { ManagementClient } from "../client.js";
import { InvalidInputError, InvalidResponseError, NetworkError, TimeoutError } from "../errors.js";
import { type RequestOptions, request } from "../request.js";
import { sleep, within } from "../signals.js";
import { checkOptions, number } from "../validate.js";
import { createEventParser, type ServerSentEvent } from "./parser.js";
import { streamingClient } from "./stream-client.js";

/** How a stream is read and resumed. */
export interface EventStreamOptions {
  /**
   * The longest silence in milliseconds — no event and no comment — before the connection
   * counts as dropped and is opened again. Default 60 000.
   */
  idleTimeoutMs?: number;
  /**
   * Reconnections in a row, each without an event, before the iteration gives up with the
   * last error. A connection that brings an event starts the count again. Default 5.
   */
  maxReconnects?: number;
  /** The wait before a reconnection when the server set no `retry`, in ms. Default 1 000. */
  reconnectDelayMs?: number;
  /** The longest wait before a reconnection, whatever `retry` the server asks for, in ms. Default 60 000. */
  maxReconnectDelayMs?: number;
  /** The largest event, in characters: a longer one is an `InvalidResponseError`. Default 1 048 576. */
  maxEventChars?: number;
}

const STREAM_OPTIONS = {
  idleTimeoutMs: /* @__PURE__ */ number(1),
  maxReconnects: /* @__PURE__ */ number(0, 1e6, true),
  reconnectDelayMs: /* @__PURE__ */ number(0),
  maxReconnectDelayMs: /* @__PURE__ */ number(0),
  maxEventChars: /* @__PURE__ */ number(1, 2 ** 30, true),
};

/** The keys of {@link EventStreamOptions}, to split them from a call's options. */
export const STREAM_OPTION_KEYS = Object.keys(STREAM_OPTIONS);

/**
 * Opens a `text/event-stream` endpoint and yields its events as they arrive. The
 * request goes through the client's pipeline (token, retries of a refused or failed
 * opening, `timeoutMs` and `attemptTimeoutMs` for the wait for the answer's headers);
 * the body is then read chunk by chunk, never buffered. A connection that ends, breaks
 * or stays silent for `idleTimeoutMs` is opened again after the server's `retry` (else
 * `reconnectDelayMs`) with `Last-Event-ID`, at most `maxReconnects` times in a row
 * without an event. A `204` ends the stream, as the HTML standard says. Aborting
 * `signal` ends the iteration at once with its reason; leaving the loop closes the
 * connection. Exported from `@auth0-edge/management/events`.
 *
 * @example
 * ```ts
 * import { streamEvents } from "@auth0-edge/management/events";
 *
 * for await (const event of streamEvents(client, { method: "GET", path: "/events" })) {
 *   console.log(event.id, event.event, event.data);
 * }
 * ```
 */
export function streamEvents<T = unknown>(
  client: ManagementClient,
  options: RequestOptions,
  streamOptions: EventStreamOptions = {},
): AsyncGenerator<ServerSentEvent<T>, void, undefined> {
  return openEvents(client, () => options, streamOptions);
}

/** {@link streamEvents}, with the request of each connection made from the last event seen. */
export async function* openEvents<T = unknown>(
  client: ManagementClient,
  requestFor: (last: ServerSentEvent<T> | undefined) => RequestOptions,
  streamOptions: EventStreamOptions,
): AsyncGenerator<ServerSentEvent<T>, void, undefined> {
  const o = checkOptions(InvalidInputError, "streamOptions", streamOptions, STREAM_OPTIONS);
  const idleMs = o.idleTimeoutMs ?? 60_000;
  const maxReconnects = o.maxReconnects ?? 5;
  const maxDelay = o.maxReconnectDelayMs ?? 60_000;
  const parser = createEventParser(o.maxEventChars ?? 1_048_576);
  let quiet = 0;
  let seen: ServerSentEvent<T> | undefined;
  for (;;) {
    const options = requestFor(seen);
    const { signal } = options;
    const headers = new Headers(options.headers);
    headers.set("accept", "text/event-stream");
    const last = parser.state.lastEventId;
    if (last) headers.set("last-event-id", last);
    const response = await request<Response | undefined>(streamingClient(client), {
      ...options,
      headers,
    });
    if (!(response instanceof Response) || response.status === 204) return;
    const type = response.headers.get("content-type") ?? "";
    if (!/^text\/event-stream/i.test(type) || !response.body) {
      await response.body?.cancel();
      throw new InvalidResponseError(
        `[${options.method}] ${options.path}: expected text/event-stream, got ${JSON.stringify(type)}`,
        { statusCode: response.status },
      );
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let dropped: unknown;
    try {
      for (;;) {
        const { done, value } = await within(reader.read(), idleMs, signal, () => {
          return new TimeoutError(`no event within ${idleMs} ms: the stream is idle`, idleMs);
        });
        if (done) break;
        for (const event of parser.push(value)) {
          quiet = 0;
          seen = event as ServerSentEvent<T>;
          yield seen;
        }
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof InvalidResponseError) throw error;
      dropped = error;
    } finally {
      reader.cancel().catch(() => {});
    }
    if (++quiet > maxReconnects) {
      throw dropped instanceof TimeoutError
        ? dropped
        : new NetworkError(
            `[${options.method}] ${options.path}: the event stream dropped ${quiet} times in a row without an event`,
            { cause: dropped },
          );
    }
    await sleep(Math.min(parser.state.retry ?? o.reconnectDelayMs ?? 1000, maxDelay), signal);
  }
}

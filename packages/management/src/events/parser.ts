import { InvalidResponseError } from "../errors.js";

/** One event of a `text/event-stream` answer. */
export interface ServerSentEvent<T = unknown> {
  /** The event's `id` (the stream's last event id when the event set none), if any. */
  id: string | undefined;
  /** The `event` field: `"message"` when the server named none. */
  event: string;
  /** The `data` lines joined by `\n`, parsed as JSON when they are JSON. */
  data: T;
  /** The reconnection delay in milliseconds the server set with this event, if it did. */
  retry: number | undefined;
}

/** Parses `data` as JSON when it looks like a JSON value, else keeps the text. */
function dataOf(text: string): unknown {
  if (/^\s*(?:[[{"\d-]|true|false|null)/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {}
  }
  return text;
}

/**
 * The event-stream interpretation of the HTML standard (§ 9.2.6), fed text chunks as they
 * arrive: lines end with CRLF, LF or CR, a blank line dispatches, `:` starts a comment, a
 * field without a colon has an empty value and one leading space of a value is dropped.
 * It holds at most one event's text, and refuses an event longer than `maxEventChars`, so
 * memory stays bounded whatever the server sends.
 */
export function createEventParser(maxEventChars: number) {
  let line = "";
  let pendingCR = false;
  let data: string[] = [];
  let size = 0;
  let event = "";
  let retry: number | undefined;
  let id: string | undefined;
  const state = {
    lastEventId: undefined as string | undefined,
    retry: undefined as number | undefined,
  };

  function field(text: string, out: ServerSentEvent[]) {
    if (text === "") {
      // The id takes effect when its event is complete, so a reconnection never skips a half-read event.
      state.lastEventId = id;
      if (data.length > 0) {
        out.push({
          id: state.lastEventId,
          event: event || "message",
          data: dataOf(data.join("\n")) as never,
          retry,
        });
      }
      data = [];
      size = 0;
      event = "";
      retry = undefined;
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const name = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (name === "data") {
      data.push(value);
      size += value.length + 1;
    } else if (name === "event") event = value;
    else if (name === "id" && !value.includes("\0")) id = value;
    else if (name === "retry" && /^\d+$/.test(value)) retry = state.retry = Number(value);
  }

  return {
    state,
    /** The events that `chunk` completes, in order. */
    push(chunk: string): ServerSentEvent[] {
      const out: ServerSentEvent[] = [];
      // The LF of a CRLF split across two chunks ends nothing.
      let start = pendingCR && chunk.charCodeAt(0) === 10 ? 1 : 0;
      pendingCR = false;
      for (let i = start; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        field(line + chunk.slice(start, i), out);
        line = "";
        if (c === 13 && i + 1 < chunk.length && chunk.charCodeAt(i + 1) === 10) i++;
        else pendingCR = c === 13 && i + 1 === chunk.length;
        start = i + 1;
      }
      line += chunk.slice(start);
      if (size + line.length > maxEventChars) {
        throw new InvalidResponseError(
          `an event of the stream exceeds ${maxEventChars} characters`,
        );
      }
      return out;
    },
  };
}

/**
 * The tenant's event stream (`GET /events`), shaped after the Management API document
 * vendored in spec/management-api-oas.json (operation `subscribe_events`: a
 * `text/event-stream` whose events carry an `offset` — "Pass as the `from` query parameter
 * to resume" — and a CloudEvent, the SSE `event` field naming the type). NOT CHECKED
 * AGAINST A RECORDING: no recording holds Auth0's event stream. Each event's SSE `id` is
 * its offset, so `Last-Event-ID` resumes like `from`.
 */

interface StoredEvent {
  offset: string;
  type: string;
  text: string;
}

const encoder = new TextEncoder();

export function createEventLog(domain: string, now: () => number) {
  const events: StoredEvent[] = [];
  const listeners = new Set<() => void>();
  return {
    /** Records an event (`user.created`, …) about `object` and wakes every open stream. */
    append(type: string, object: unknown): void {
      const offset = String(events.length + 1).padStart(12, "0");
      const cloudEvent = {
        specversion: "1.0",
        type,
        source: `urn:auth0:${domain}`,
        id: `evt_${offset}`,
        time: new Date(now()).toISOString(),
        data: { object },
        a0tenant: domain.split(".")[0],
        a0stream: "est_emulator",
      };
      const data = JSON.stringify({ offset, event: cloudEvent });
      events.push({ offset, type, text: `id: ${offset}\nevent: ${type}\ndata: ${data}\n\n` });
      for (const wake of listeners) wake();
    },
    clear(): void {
      events.length = 0;
    },
    /**
     * A stream that stays open: the events after `from` (all of them without one; Auth0
     * starts at the latest, but a test wants what it caused), then each new one as it is
     * recorded, until the reader cancels.
     */
    stream(from: string | null, types: string[]): ReadableStream<Uint8Array> {
      let next = from === null ? 0 : events.findIndex((e) => e.offset === from) + 1;
      let wake: (() => void) | undefined;
      let closed = false;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(": connected\n\n"));
        },
        async pull(controller) {
          while (!closed && next >= events.length) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              listeners.add(resolve);
            });
            listeners.delete(wake!);
          }
          if (closed) return;
          const event = events[next++]!;
          if (types.length === 0 || types.includes(event.type)) {
            controller.enqueue(encoder.encode(event.text));
          }
        },
        cancel() {
          closed = true;
          if (wake) {
            listeners.delete(wake);
            wake();
          }
        },
      });
    },
  };
}

export type EventLog = ReturnType<typeof createEventLog>;

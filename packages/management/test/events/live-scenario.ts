// The live-stream case, written once for Node and workerd: it imports only the SDK and
// uses only what every runtime has.

import { subscribeEvents } from "../../src/entries/events.js";
import { createManagementClient } from "../../src/index.js";

export interface LiveStreamReport {
  events: { id: string | undefined; event: string; offset: unknown }[];
  /** How many events the server had sent when the first one was yielded. */
  sentBeforeFirstYield: number | undefined;
  /** Why the iteration ended. */
  ended: string;
}

/**
 * Reads the scripted stream of `startSseServer`: the first event arrives while the server
 * holds the second; the dropped connection is resumed; an abort during a pending read ends it.
 */
export async function liveStreamScenario(origin: string): Promise<LiveStreamReport> {
  const client = createManagementClient({
    domain: origin,
    allowInsecureLocalhost: true,
    token: "sse-test-token",
    retry: { baseDelayMs: 1 },
  });
  const stop = new AbortController();
  const report: LiveStreamReport = { events: [], sentBeforeFirstYield: undefined, ended: "" };
  try {
    for await (const e of subscribeEvents(client, {}, { signal: stop.signal })) {
      report.events.push({
        id: e.id,
        event: e.event,
        offset: "offset" in e.data ? e.data.offset : undefined,
      });
      if (e.id === "1") {
        const answer = await fetch(`${origin}/control/next`);
        report.sentBeforeFirstYield = ((await answer.json()) as { sentBefore: number }).sentBefore;
      }
      // Aborts while the next read waits on a connection that sends nothing more.
      if (e.id === "3") setTimeout(() => stop.abort(new Error("stopped by the test")), 20);
    }
    report.ended = "the iteration ended by itself";
  } catch (error) {
    report.ended = (error as Error).message;
  }
  return report;
}

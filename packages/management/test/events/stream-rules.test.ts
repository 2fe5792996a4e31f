import { describe, expect, it } from "vitest";
import { streamEvents, subscribeEvents } from "../../src/entries/events.js";
import {
  createManagementClient,
  InvalidInputError,
  InvalidResponseError,
  ManagementApiError,
  NetworkError,
  TimeoutError,
} from "../../src/index.js";

/** A stream answer whose chunks the test pushes, and a record of the requests made. */
function scriptedStreams(answers: ((n: number) => Response)[]) {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return answers[Math.min(requests.length, answers.length) - 1]!(requests.length);
  };
  const client = createManagementClient({
    domain: "tenant.example.auth0.com",
    token: "stream-token",
    fetch,
    retry: { baseDelayMs: 1 },
  });
  return { client, requests };
}

const sse = (body: string | ReadableStream<Uint8Array>, status = 200) =>
  new Response(body, { status, headers: { "content-type": "text/event-stream" } });
const silent = () => sse("data: 1\n\n");

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("event streams", () => {
  it("ask for text/event-stream with the bearer token", async () => {
    const { client, requests } = scriptedStreams([() => new Response(null, { status: 204 })]);
    expect(await collect(streamEvents(client, { method: "GET", path: "/events" }))).toEqual([]);
    expect(requests[0]!.headers.get("accept")).toBe("text/event-stream");
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer stream-token");
  });

  it("end on a 204, which tells a client not to reconnect", async () => {
    const { client, requests } = scriptedStreams([
      () => sse("data: a\n\n"),
      () => new Response(null, { status: 204 }),
    ]);
    const events = await collect(
      streamEvents(client, { method: "GET", path: "/events" }, { reconnectDelayMs: 0 }),
    );
    expect(events.map((e) => e.data)).toEqual(["a"]);
    expect(requests).toHaveLength(2);
  });

  it("reconnect after the server's retry, and give up after maxReconnects connections in a row without an event", async () => {
    const { client, requests } = scriptedStreams([() => sse("retry: 1\n\n")]);
    const error = await collect(
      streamEvents(
        client,
        { method: "GET", path: "/events" },
        { maxReconnects: 3, reconnectDelayMs: 60_000 },
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/dropped 4 times in a row/);
    expect(requests).toHaveLength(4);
  });

  it("count a connection silent for idleTimeoutMs as dropped and resume it with Last-Event-ID", async () => {
    const { client, requests } = scriptedStreams([
      () =>
        sse(
          new ReadableStream({
            start: (c) => c.enqueue(new TextEncoder().encode("id: 5\ndata: x\n\n")),
          }),
        ),
      () =>
        sse(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode(": hello\n")) })),
    ]);
    const error = await collect(
      streamEvents(
        client,
        { method: "GET", path: "/events" },
        { idleTimeoutMs: 20, maxReconnects: 2, reconnectDelayMs: 0 },
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(requests.map((r) => r.headers.get("last-event-id"))).toEqual([null, "5", "5"]);
  });

  it("hand an HTTP error of the opening request over as a ManagementApiError, after the pipeline's retries", async () => {
    const { client, requests } = scriptedStreams([
      () =>
        Response.json(
          { statusCode: 503, error: "Service Unavailable", message: "busy" },
          { status: 503 },
        ),
      () =>
        Response.json(
          { statusCode: 403, error: "Forbidden", message: "Insufficient scope" },
          { status: 403 },
        ),
    ]);
    const error = await collect(subscribeEvents(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementApiError);
    expect((error as ManagementApiError).statusCode).toBe(403);
    expect(requests).toHaveLength(2);
  });

  it("refuse a 2xx answer that is not an event stream", async () => {
    const { client } = scriptedStreams([() => Response.json({ events: [] })]);
    await expect(collect(subscribeEvents(client))).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it("time only the wait for the headers with timeoutMs, then the gaps between events with idleTimeoutMs", async () => {
    let push: ((text: string) => void) | undefined;
    const { client } = scriptedStreams([
      () =>
        sse(
          new ReadableStream<Uint8Array>({
            start(c) {
              push = (text) => c.enqueue(new TextEncoder().encode(text));
            },
          }),
        ),
    ]);
    const got: unknown[] = [];
    const stream = subscribeEvents(client, {}, { timeoutMs: 5, attemptTimeoutMs: 5 });
    const first = stream.next();
    await new Promise((r) => setTimeout(r, 50));
    push!("data: late\n\n");
    got.push((await first).value?.data);
    await stream.return();
    expect(got).toEqual(["late"]);
  });

  it("close the connection when the loop is left", async () => {
    let cancelled = 0;
    const { client } = scriptedStreams([
      () =>
        sse(
          new ReadableStream<Uint8Array>({
            start: (c) => c.enqueue(new TextEncoder().encode("data: 1\n\n")),
            cancel: () => {
              cancelled++;
            },
          }),
        ),
    ]);
    for await (const _ of subscribeEvents(client)) break;
    await expect.poll(() => cancelled).toBe(1);
  });

  it("refuse an unknown stream option", async () => {
    const { client } = scriptedStreams([silent]);
    await expect(
      collect(
        streamEvents(client, { method: "GET", path: "/events" }, { idleTimeout: 5 } as never),
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});

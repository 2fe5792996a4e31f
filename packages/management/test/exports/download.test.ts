import { describe, expect, it } from "vitest";
import { InvalidInputError, InvalidResponseError, NetworkError } from "../../src/errors.js";
import { downloadStream, downloadUrl } from "../../src/exports/download.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const options = {
  signal: undefined,
  idleTimeoutMs: 1000,
  maxRetries: 2,
  allowInsecureLocalhost: false,
};
const url = new URL("https://files.example.com/export.json.gz?Signature=x");

/** A body that sends `text` and then fails, as a dropped connection does. */
const breaking = (text: string) => {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent) return c.error(new TypeError("terminated"));
      sent = true;
      c.enqueue(bytes(text));
    },
  });
};

async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("the export download", () => {
  it("asks for the rest with Range after a drop and keeps a 206's bytes as they come", async () => {
    const ranges: (string | null)[] = [];
    const fetch = async (_: unknown, init?: RequestInit) => {
      const range = new Headers(init?.headers).get("range");
      ranges.push(range);
      return range === null
        ? new Response(breaking("first half|"))
        : new Response("second half", { status: 206 });
    };
    expect(await read(downloadStream(fetch, url, options))).toBe("first half|second half");
    expect(ranges).toEqual([null, "bytes=11-"]);
  });

  it("retries a 5xx and a network error, then gives up after maxRetries failures in a row", async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) return new Response("busy", { status: 503 });
      if (calls === 2) throw new TypeError("fetch failed");
      return new Response("ok");
    };
    expect(await read(downloadStream(flaky, url, options))).toBe("ok");
    calls = 0;
    const down = async () => {
      calls++;
      throw new TypeError("fetch failed");
    };
    await expect(read(downloadStream(down, url, options))).rejects.toBeInstanceOf(NetworkError);
    expect(calls).toBe(3);
  });

  it("sends no credential and follows no redirect: a 3xx or a 403 is an InvalidResponseError at once", async () => {
    const seen: RequestInit[] = [];
    const fetch = async (_: unknown, init?: RequestInit) => {
      seen.push(init!);
      return new Response(null, {
        status: 302,
        headers: { location: "https://elsewhere.example/" },
      });
    };
    await expect(read(downloadStream(fetch, url, options))).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.redirect).toBe("manual");
    expect([...new Headers(seen[0]!.headers).keys()]).toEqual([]);
  });

  it("takes HTTPS locations only, and http://localhost when allowed", () => {
    expect(() => downloadUrl("http://files.example.com/x", true)).toThrow(InvalidInputError);
    expect(() => downloadUrl("http://127.0.0.1:8080/x", false)).toThrow(InvalidInputError);
    expect(() => downloadUrl("not a url", false)).toThrow(InvalidInputError);
    expect(downloadUrl("http://127.0.0.1:8080/x", true).port).toBe("8080");
    expect(downloadUrl("https://files.example.com/x", false).hostname).toBe("files.example.com");
  });
});

import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawClient } from "../src/raw.mjs";

// A server that grants a token and never answers anything else: the timeout is all that
// can end a call.
let server;
let origin;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/oauth/token") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ access_token: "t", expires_in: 86_400 }));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const loopback = (input, init) => fetch(origin + new URL(String(input)).pathname, init);

describe("the hand-written reference client with a timeout", () => {
  it("aborts a call its server does not answer within timeoutMs", async () => {
    const api = rawClient({
      domain: "bench.eu.auth0.com",
      clientId: "c",
      clientSecret: "s",
      fetch: loopback,
      timeoutMs: 50,
    });
    await expect(api("GET", "/users/u")).rejects.toMatchObject({ name: "AbortError" });
  });

  it("gives fetch no signal without timeoutMs, as the baseline of the targets", async () => {
    const signals = [];
    const api = rawClient({
      domain: "bench.eu.auth0.com",
      clientId: "c",
      clientSecret: "s",
      fetch: async (input, init) => {
        signals.push(init?.signal);
        return new Response(String(input).endsWith("/oauth/token") ? '{"access_token":"t"}' : "{}");
      },
    });
    await api("GET", "/users/u");
    expect(signals).toEqual([undefined, undefined]);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManagementClient, NetworkError, request } from "../src/index.js";
import { CLIENT_ID, CLIENT_SECRET, rejectionOf } from "./support/secrets.js";

/** A real HTTP server on loopback that misbehaves the way networks do. */
let server: Server;
let origin: string;
const seen: { method: string; path: string }[] = [];
let grants = 0;
let flakyCalls = 0;

function handle(req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? "/", "http://x").pathname;
  seen.push({ method: req.method ?? "", path });
  if (path === "/oauth/token") {
    grants++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        access_token: `loopback-token-${grants}`,
        token_type: "Bearer",
        expires_in: 3600,
      }),
    );
    return;
  }
  if (path === "/api/v2/reset") {
    req.socket.destroy();
    return;
  }
  if (path === "/api/v2/flaky") {
    flakyCalls++;
    if (flakyCalls === 1) {
      req.socket.destroy();
      return;
    }
  }
  if (path === "/api/v2/silent") return; // never answers
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ path, authorization: req.headers.authorization }));
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function client() {
  return createManagementClient({
    domain: origin,
    allowInsecureLocalhost: true,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    retry: { baseDelayMs: 10 },
    attemptTimeoutMs: 300,
  });
}

describe("over a real loopback connection", () => {
  it("grants a token and sends it as a bearer token", async () => {
    const before = grants;
    const answer = await request<{ authorization: string }>(client(), {
      method: "GET",
      path: "/hello",
    });
    expect(answer.authorization).toMatch(/^Bearer loopback-token-\d+$/);
    expect(grants - before).toBe(1);
  });

  it("retries a GET whose connection was reset", async () => {
    flakyCalls = 0;
    await expect(request(client(), { method: "GET", path: "/flaky" })).resolves.toMatchObject({
      path: "/api/v2/flaky",
    });
    expect(flakyCalls).toBe(2);
  });

  it("does not replay a POST whose connection was reset", async () => {
    const before = seen.filter((r) => r.path === "/api/v2/reset").length;
    const error = await rejectionOf(
      request(client(), { method: "POST", path: "/reset", body: { a: 1 } }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(seen.filter((r) => r.path === "/api/v2/reset").length - before).toBe(1);
  });

  it("ends an attempt that gets no answer and retries it, then reports a NetworkError", async () => {
    const before = seen.filter((r) => r.path === "/api/v2/silent").length;
    const error = await rejectionOf(
      request(client(), { method: "GET", path: "/silent", retry: { maxRetries: 1 } }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toMatch(/no answer within 300 ms/);
    expect(seen.filter((r) => r.path === "/api/v2/silent").length - before).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listClients } from "../../src/generated/clients.js";
import { listLogs } from "../../src/generated/logs.js";
import { listUsers } from "../../src/generated/users.js";
import { createManagementClient, InvalidResponseError } from "../../src/index.js";
import { type ChaosServer, expectNoCanary, sendJson, startChaosServer } from "./server.js";

const TOKEN = "canary-token-lists-0c9b8a7f";
let server: ChaosServer;
/** What the list endpoints answer, set by each case: the nth request (from 1) and its query. */
let answer: (n: number, query: URLSearchParams) => unknown;

beforeAll(async () => {
  server = await startChaosServer();
  for (const path of ["/api/v2/users", "/api/v2/clients", "/api/v2/logs"]) {
    server.route(path, (req, res) => {
      const query = new URL(req.url ?? "/", "http://x").searchParams;
      sendJson(res, 200, answer(server.count(path), query));
    });
  }
});
afterAll(() => server.close());

const client = () =>
  createManagementClient({ domain: server.origin, allowInsecureLocalhost: true, token: TOKEN });

/** Walks the list to its end; resolves to the items and what ended it. */
async function walk<T>(items: AsyncIterable<T>): Promise<{ seen: T[]; error: unknown }> {
  const seen: T[] = [];
  try {
    for await (const item of items) seen.push(item);
    return { seen, error: undefined };
  } catch (error) {
    return { seen, error };
  }
}

function expectLoop(error: unknown) {
  expect(error).toBeInstanceOf(InvalidResponseError);
  expect((error as InvalidResponseError).code).toBe("ERR_INVALID_RESPONSE");
  expect((error as Error).message).toContain("the list does not end");
  expectNoCanary(error, [TOKEN]);
}

const users = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ user_id: `auth0|${from + i}` }));

describe("looping list endpoints on a real loopback server: every walk ends", () => {
  it("an offset page whose start does not advance", async () => {
    const before = server.count("/api/v2/users");
    answer = () => ({ start: 0, limit: 2, length: 2, total: 10, users: users(0, 2) });
    const { seen, error } = await walk(listUsers.all(client(), { per_page: 2 }));
    expectLoop(error);
    expect(seen).toHaveLength(2);
    expect(server.count("/api/v2/users") - before).toBe(2);
  });

  it("an offset page that repeats an earlier page's items under a new start", async () => {
    const before = server.count("/api/v2/users");
    let page = 0;
    answer = () => ({ start: 2 * page++, limit: 2, total: 10, users: users(0, 2) });
    const { error } = await walk(listUsers.all(client(), { per_page: 2 }));
    expectLoop(error);
    expect(server.count("/api/v2/users") - before).toBe(2);
  });

  it("more pages than include_totals allows", async () => {
    const before = server.count("/api/v2/users");
    let page = 0;
    // The start creeps forward by one: never repeats, never reaches the total.
    answer = () => {
      const start = page++;
      return { start, limit: 2, total: 4, users: users(10 * start, 2) };
    };
    const { error } = await walk(listUsers.all(client(), { per_page: 2 }));
    expectLoop(error);
    expect(server.count("/api/v2/users") - before).toBe(3);
  });

  it("a checkpoint `next` that cycles back after two pages (a → b → a)", async () => {
    const before = server.count("/api/v2/clients");
    answer = (_n, query) => {
      const from = query.get("from");
      const next = from === "a" ? "b" : "a";
      return { clients: [{ client_id: `c-${from}` }], next };
    };
    const { seen, error } = await walk(listClients.all(client(), { take: 1 }));
    expectLoop(error);
    expect(seen).toHaveLength(3);
    expect(server.count("/api/v2/clients") - before).toBe(3);
  });

  it("a log_id seen before, after a non-empty page", async () => {
    const before = server.count("/api/v2/logs");
    answer = (_n, query) =>
      query.get("from") === "l2"
        ? [{ log_id: "l3" }, { log_id: "l2" }]
        : [{ log_id: "l1" }, { log_id: "l2" }];
    const { error } = await walk(listLogs.all(client(), { take: 2 }));
    expectLoop(error);
    expect(server.count("/api/v2/logs") - before).toBe(2);
  });

  it("an empty checkpoint page whose next cursor equals the request's ends the walk normally", async () => {
    const before = server.count("/api/v2/clients");
    answer = (_n, query) =>
      query.get("from") === "c1"
        ? { clients: [], next: "c1" }
        : { clients: [{ client_id: "x" }], next: "c1" };
    const { seen, error } = await walk(listClients.all(client(), { take: 1 }));
    expect(error).toBeUndefined();
    expect(seen).toEqual([{ client_id: "x" }]);
    expect(server.count("/api/v2/clients") - before).toBe(2);
  });

  it("maxPages bounds an endless checkpoint walk, which then ends normally", async () => {
    const before = server.count("/api/v2/clients");
    answer = (n) => ({ clients: [{ client_id: `c${n}` }], next: `cursor-${n}` });
    const { seen, error } = await walk(listClients.all(client(), { take: 1 }, { maxPages: 5 }));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(5);
    expect(server.count("/api/v2/clients") - before).toBe(5);
  });

  it("an offset walk stops by default at Auth0's 1,000-record ceiling", async () => {
    const before = server.count("/api/v2/users");
    answer = (n) => ({
      start: (n - 1) * 100,
      limit: 100,
      total: 5000,
      users: users(n * 1000, 100),
    });
    const { seen, error } = await walk(listUsers.all(client(), { per_page: 100 }));
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(1000);
    expect(server.count("/api/v2/users") - before).toBe(10);
  });
});

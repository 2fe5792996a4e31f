import { describe, expect, it } from "vitest";
import { listClients } from "../src/generated/clients.js";
import { listEventStreamDeliveries } from "../src/generated/event-streams.js";
import { listLogs } from "../src/generated/logs.js";
import { listOrganizationInvitations, listOrganizations } from "../src/generated/organizations.js";
import { listRoleUsers } from "../src/generated/roles.js";
import { listUsers } from "../src/generated/users.js";
import { createManagementClient, InvalidResponseError } from "../src/index.js";
import { emulatedTenant } from "./support/emulator.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

const users = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    user_id: `auth0|${String(i).padStart(3, "0")}`,
    email: `user${i}@example.com`,
  }));

function clientWith(fetch: typeof globalThis.fetch) {
  return createManagementClient({ domain: DOMAIN, token: "a-token", fetch });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe("offset pagination (page/per_page/include_totals)", () => {
  it("yields every user once and stops at `total` without asking for an empty page", async () => {
    const tenant = emulatedTenant({ seed: { users: users(120) } });
    const seen = await collect(listUsers.all(tenant.client(), { per_page: 50 }));
    expect(seen.map((u) => u.user_id)).toEqual(users(120).map((u) => u.user_id));
    const api = tenant.emulator.requests.filter((r) => r.kind === "api");
    expect(api.map((r) => r.query)).toEqual(
      [0, 1, 2].map((page) => ({
        per_page: "50",
        include_totals: "true",
        page: String(page),
      })),
    );
  });

  it("stops on a short page when totals are off", async () => {
    const tenant = emulatedTenant({ seed: { users: users(120) } });
    const seen = await collect(
      listUsers.all(tenant.client(), { per_page: 50, include_totals: false }),
    );
    expect(seen).toHaveLength(120);
    expect(tenant.emulator.requests.filter((r) => r.kind === "api")).toHaveLength(3);
  });

  it("asks for one empty page after a full last page when nothing tells the total", async () => {
    const tenant = emulatedTenant({ seed: { users: users(100) } });
    const seen = await collect(
      listUsers.all(tenant.client(), { per_page: 50, include_totals: false }),
    );
    expect(seen).toHaveLength(100);
    expect(tenant.emulator.requests.filter((r) => r.kind === "api")).toHaveLength(3);
  });

  it("starts from the given page and keeps the other parameters", async () => {
    const tenant = emulatedTenant({ seed: { users: users(30) } });
    const seen = await collect(
      listUsers.all(tenant.client(), { page: 1, per_page: 10, q: "email:user2*" }),
    );
    // user2 and user20…user29 match; page 1 of 10 holds the last of them.
    expect(seen.map((u) => u.email)).toEqual(["user29@example.com"]);
  });

  it("stops on a short page of an answer without `total`", async () => {
    const api = scriptedFetch([
      json({ start: 0, limit: 2, invitations: [{ id: "i1" }, { id: "i2" }] }),
      json({ start: 2, limit: 2, invitations: [{ id: "i3" }] }),
    ]);
    const seen = await collect(
      listOrganizationInvitations.all(clientWith(api.fetch), { id: "org_1", per_page: 2 }),
    );
    expect(seen.map((i) => i.id)).toEqual(["i1", "i2", "i3"]);
    expect(api.sent.map((r) => r.url.searchParams.get("page"))).toEqual(["0", "1"]);
  });
});

describe("checkpoint pagination (from/take)", () => {
  it("follows `next` for role members until the answer has none", async () => {
    const tenant = emulatedTenant({
      seed: {
        users: users(5),
        roles: [{ id: "rol_1", name: "admin", users: users(5).map((u) => u.user_id) }],
      },
    });
    const seen = await collect(listRoleUsers.all(tenant.client(), { id: "rol_1", take: 2 }));
    expect(seen.map((u) => u.user_id).sort()).toEqual(users(5).map((u) => u.user_id));
    const api = tenant.emulator.requests.filter((r) => r.kind === "api");
    expect(api).toHaveLength(3);
    expect(api[0]!.query).toEqual({ take: "2" });
    expect(api[1]!.query.from).toEqual(expect.any(String));
    expect(api.every((r) => r.query.page === undefined)).toBe(true);
  });

  it("reads logs from the last log_id of each page, oldest first, until a short page", async () => {
    const tenant = emulatedTenant({ seed: { logs: 7 } });
    const client = tenant.client();
    const seen = await collect(listLogs.all(client, { take: 3 }));
    const ids = tenant.emulator.state.logs.map((l) => l.log_id).sort();
    expect(seen.map((l) => l.log_id)).toEqual(ids);
    const api = tenant.emulator.requests.filter((r) => r.kind === "api");
    expect(api).toHaveLength(Math.floor(ids.length / 3) + 1);
    api.slice(1).forEach((request, i) => {
      expect(request.query).toEqual({ take: "3", from: seen[3 * i + 2]!.log_id });
    });
  });

  it("pages logs by offset, newest first, when asked for pages", async () => {
    const tenant = emulatedTenant({ seed: { logs: 5 } });
    const seen = await collect(listLogs.all(tenant.client(), { per_page: 2 }));
    const ids = seen.map((l) => l.log_id);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(tenant.emulator.requests.filter((r) => r.kind === "api")[0]!.query).toMatchObject({
      page: "0",
      per_page: "2",
    });
  });

  it("prefers checkpoints where the API offers both, and sends what it was given", async () => {
    const api = scriptedFetch([
      json({ organizations: [{ id: "org_1" }, { id: "org_2" }], next: "c1" }),
      json({ organizations: [{ id: "org_3" }] }),
    ]);
    const seen = await collect(listOrganizations.all(clientWith(api.fetch), { take: 2 }));
    expect(seen.map((o) => o.id)).toEqual(["org_1", "org_2", "org_3"]);
    expect(api.sent.map((r) => r.url.search)).toEqual(["?take=2", "?take=2&from=c1"]);
  });

  it("ends with an InvalidResponseError when `next` does not move after a non-empty page, instead of asking for the same page forever", async () => {
    const api = scriptedFetch([json({ clients: [{ client_id: "a" }], next: "same" })]);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const c of listClients.all(clientWith(api.fetch), { from: "same" })) seen.push(c);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).code).toBe("ERR_INVALID_RESPONSE");
    expect(seen).toHaveLength(1);
    expect(api.sent).toHaveLength(1);
  });

  it("skips the item an inclusive `from` repeats, for answers that are bare arrays", async () => {
    const api = scriptedFetch([
      json([{ id: "d1" }, { id: "d2" }]),
      json([{ id: "d2" }, { id: "d3" }]),
      json([{ id: "d3" }]),
    ]);
    const seen = await collect(
      listEventStreamDeliveries.all(clientWith(api.fetch), { id: "est_1", take: 2 }),
    );
    expect(seen.map((d) => d.id)).toEqual(["d1", "d2", "d3"]);
    expect(api.sent.map((r) => r.url.searchParams.get("from"))).toEqual([null, "d2", "d3"]);
  });
});

describe("iteration", () => {
  it("fetches a page only when the consumer reaches it, and stops on break", async () => {
    const tenant = emulatedTenant({ seed: { users: users(120) } });
    const apiRequests = () => tenant.emulator.requests.filter((r) => r.kind === "api").length;
    let count = 0;
    for await (const _ of listUsers.all(tenant.client(), { per_page: 50 })) {
      count++;
      expect(apiRequests()).toBe(Math.ceil(count / 50));
      if (count === 60) break;
    }
    expect(apiRequests()).toBe(2);
  });

  it("rejects with the signal's reason on abort and sends no further request", async () => {
    const tenant = emulatedTenant({ seed: { users: users(120) } });
    const controller = new AbortController();
    const reason = new Error("enough");
    const iterate = async () => {
      let count = 0;
      for await (const _ of listUsers.all(
        tenant.client(),
        { per_page: 50 },
        { signal: controller.signal },
      )) {
        if (++count === 50) controller.abort(reason);
      }
    };
    await expect(iterate()).rejects.toBe(reason);
    expect(tenant.emulator.requests.filter((r) => r.kind === "api")).toHaveLength(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const api = scriptedFetch([json([])]);
    const reason = new Error("cancelled");
    const pages = listUsers.all(clientWith(api.fetch), {}, { signal: AbortSignal.abort(reason) });
    await expect(pages.next()).rejects.toBe(reason);
    expect(api.sent).toHaveLength(0);
  });

  it("rejects an input that is not an object when iterated", async () => {
    const api = scriptedFetch([json([])]);
    await expect(listUsers.all(clientWith(api.fetch), 42 as never).next()).rejects.toThrow(
      "`input` must be an object",
    );
    expect(api.sent).toHaveLength(0);
  });
});

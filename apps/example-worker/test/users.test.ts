import { describe, expect, it } from "vitest";
import { apiRequestsSince } from "./support/harness.js";
import { sharedWorker } from "./support/shared-worker.js";

const t = sharedWorker();

describe("GET /users?email=", () => {
  it("finds a user through Auth0's /users-by-email", async () => {
    const before = t.emulator.requests.length;
    const response = await t.get("/users?email=grace@example.com");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { email: string; users: { user_id: string }[] };
    expect(body.email).toBe("grace@example.com");
    expect(body.users.map((u) => u.user_id)).toEqual([t.userByEmail("grace@example.com").user_id]);
    expect(apiRequestsSince(t.emulator, before).map((r) => [r.path, r.query])).toEqual([
      ["/api/v2/users-by-email", { email: "grace@example.com" }],
    ]);
  });

  it("shows a summary of each user, not the whole profile", async () => {
    const body = (await (await t.get("/users?email=ada@example.com")).json()) as {
      users: Record<string, unknown>[];
    };
    expect(Object.keys(body.users[0]!).sort()).toEqual(
      ["blocked", "created_at", "email", "logins_count", "name", "user_id"].sort(),
    );
    expect(body.users[0]).not.toHaveProperty("identities");
  });

  it("answers an unknown address with an empty list", async () => {
    const response = await t.get("/users?email=nobody@example.com");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ email: "nobody@example.com", users: [] });
  });

  it("refuses a missing or malformed email with 400, without calling Auth0", async () => {
    const before = t.emulator.requests.length;
    for (const query of ["", "?email=", "?email=not-an-email", `?email=${"a".repeat(251)}@b.c`]) {
      const response = await t.get(`/users${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe("invalid_request");
    }
    expect(t.emulator.requests.length).toBe(before);
  });
});

describe("GET /users/page", () => {
  it("lists one page of users with the total and whether more follow", async () => {
    const first = (await (await t.get("/users/page?page=0&per_page=2")).json()) as {
      users: unknown[];
      total: number;
      has_more: boolean;
      page: number;
      per_page: number;
    };
    expect(first).toMatchObject({ page: 0, per_page: 2, total: 5, has_more: true });
    expect(first.users).toHaveLength(2);
    const last = (await (await t.get("/users/page?page=2&per_page=2")).json()) as typeof first;
    expect(last).toMatchObject({ page: 2, total: 5, has_more: false });
    expect(last.users).toHaveLength(1);
  });

  it("asks Auth0 for totals with the caller's page and per_page", async () => {
    const before = t.emulator.requests.length;
    await t.get("/users/page?page=1&per_page=3");
    expect(apiRequestsSince(t.emulator, before).map((r) => r.query)).toEqual([
      { page: "1", per_page: "3", include_totals: "true" },
    ]);
  });

  it("refuses a page or per_page out of bounds, and pages past Auth0's 1,000-user window", async () => {
    const before = t.emulator.requests.length;
    for (const query of [
      "per_page=0",
      "per_page=101",
      "page=-1",
      "page=one",
      "page=1.5",
      "page=10&per_page=100",
    ]) {
      const response = await t.get(`/users/page?${query}`);
      expect(response.status, query).toBe(400);
    }
    expect(t.emulator.requests.length).toBe(before);
  });
});

describe("POST /users/:id/roles", () => {
  it("assigns roles to a user, percent-encoding the id on the way to Auth0", async () => {
    const ada = t.userByEmail("ada@example.com");
    const roles = [t.roleNamed("admin").id, t.roleNamed("support").id];
    const before = t.emulator.requests.length;
    const response = await t.postRoles(ada.user_id, JSON.stringify({ roles }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user_id: ada.user_id, assigned: roles });
    for (const role of roles)
      expect(t.emulator.state.roleMembers.get(role)?.has(ada.user_id)).toBe(true);
    const [sent] = apiRequestsSince(t.emulator, before);
    expect(sent).toMatchObject({ method: "POST", status: 204 });
    expect(sent!.url).toContain(`/users/${encodeURIComponent(ada.user_id)}/roles`);
  });

  it("answers 404 with Auth0's errorCode for a user that does not exist", async () => {
    const response = await t.postRoles(
      "auth0|000000000000000000000000",
      JSON.stringify({ roles: [t.roleNamed("admin").id] }),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: "not_found",
      errorCode: "inexistent_user",
      upstreamStatus: 404,
    });
  });

  it("refuses bodies that are not a list of role ids, without calling Auth0", async () => {
    const id = t.userByEmail("ada@example.com").user_id;
    const before = t.emulator.requests.length;
    const cases: [string, string, number][] = [
      ['{"roles":["rol_1"]}', "text/plain", 415],
      ["{not json", "application/json", 400],
      ["[]", "application/json", 400],
      ['{"roles":[]}', "application/json", 400],
      ['{"roles":[42]}', "application/json", 400],
      ['{"roles":["../admin"]}', "application/json", 400],
      [
        JSON.stringify({ roles: Array.from({ length: 51 }, (_, i) => `rol_${i}`) }),
        "application/json",
        400,
      ],
    ];
    for (const [body, type, status] of cases) {
      const response = await t.postRoles(id, body, type);
      expect(response.status, body.slice(0, 30)).toBe(status);
    }
    expect(t.emulator.requests.length).toBe(before);
  });

  it("does not replay a role assignment Auth0 failed with 503: it answers 502", async () => {
    const id = t.userByEmail("ada@example.com").user_id;
    t.emulator.failNext({ status: 503, method: "POST", path: /\/roles$/ });
    const before = t.emulator.requests.length;
    const response = await t.postRoles(id, JSON.stringify({ roles: [t.roleNamed("admin").id] }));
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: "upstream_error", upstreamStatus: 503 });
    expect(apiRequestsSince(t.emulator, before)).toHaveLength(1);
  });
});

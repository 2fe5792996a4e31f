import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";

type User = { user_id: string; email: string; name: string; [key: string]: unknown };

function seeded(count: number) {
  return setup({
    seed: {
      users: Array.from({ length: count }, (_, i) => ({
        user_id: `auth0|${String(i).padStart(24, "0")}`,
        email: `user${i}@example.com`,
        name: i % 2 === 0 ? `Even ${i}` : `Odd ${i}`,
        app_metadata: { plan: i < 3 ? "pro" : "free" },
      })),
    },
  });
}

describe("GET /users", () => {
  it("lists users as a plain array, 50 per page by default", async () => {
    const { api } = seeded(60);
    const users = (await (await api("GET", "/users")).json()) as User[];
    expect(users).toHaveLength(50);
    expect(users[0]!.email).toBe("user0@example.com");
  });

  it("pages with page and per_page", async () => {
    const { api } = seeded(25);
    const users = (await (await api("GET", "/users?page=2&per_page=10")).json()) as User[];
    expect(users.map((user) => user.email)).toEqual(
      Array.from({ length: 5 }, (_, i) => `user${20 + i}@example.com`),
    );
  });

  it("answers { start, limit, length, users, total } with include_totals", async () => {
    const { api } = seeded(25);
    const body = (await (
      await api("GET", "/users?page=1&per_page=10&include_totals=true")
    ).json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["start", "limit", "length", "users", "total"]);
    expect(body).toMatchObject({ start: 10, limit: 10, length: 10, total: 25 });
  });

  it("answers 400 invalid_query_string for per_page above 100 or a non-integer page", async () => {
    const { api } = seeded(1);
    const tooMany = await api("GET", "/users?per_page=101");
    expect(tooMany.status).toBe(400);
    const body = (await tooMany.json()) as { message: string; errorCode: string };
    expect(body.errorCode).toBe("invalid_query_string");
    expect(body.message).toContain("'Value 101 is greater than maximum 100' on property per_page");
    expect((await api("GET", "/users?page=first")).status).toBe(400);
    expect((await api("GET", "/users?page=-1")).status).toBe(400);
  });

  it("refuses to page beyond the first 1000 results", async () => {
    const { api } = seeded(1);
    expect((await api("GET", "/users?page=9&per_page=100")).status).toBe(200);
    const response = await api("GET", "/users?page=10&per_page=100");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(
      "You can only page through the first 1000 records",
    );
  });

  it("searches with q: quoted values, AND, OR, NOT, wildcards and nested fields", async () => {
    const { api } = seeded(12);
    const search = async (q: string) => {
      const response = await api("GET", `/users?q=${encodeURIComponent(q)}&per_page=100`);
      expect(response.status).toBe(200);
      return ((await response.json()) as User[]).map((user) => user.email).sort();
    };
    expect(await search('email:"user3@example.com"')).toEqual(["user3@example.com"]);
    expect(await search("email:USER3@example.com")).toEqual(["user3@example.com"]);
    expect(await search("name:Even* AND app_metadata.plan:pro")).toEqual([
      "user0@example.com",
      "user2@example.com",
    ]);
    expect(await search("email:user1* NOT email:user1@example.com")).toEqual([
      "user10@example.com",
      "user11@example.com",
    ]);
    expect(await search('email:"user1@example.com" OR email:"user2@example.com"')).toHaveLength(2);
    expect(await search('identities.connection:"Username-Password-Authentication"')).toHaveLength(
      12,
    );
    expect(await search("_exists_:app_metadata.plan AND name:odd*")).toHaveLength(6);
  });

  it("answers 400 for a query outside the supported syntax", async () => {
    const { api } = seeded(1);
    const response = await api("GET", `/users?q=${encodeURIComponent("logins_count:[1 TO 5]")}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errorCode: string }).errorCode).toBe(
      "invalid_query_string",
    );
  });

  it("sorts with sort=field:1 and field:-1", async () => {
    const { api } = seeded(3);
    const users = (await (await api("GET", "/users?sort=email:-1")).json()) as User[];
    expect(users.map((user) => user.email)).toEqual([
      "user2@example.com",
      "user1@example.com",
      "user0@example.com",
    ]);
  });

  it("includes users created through the API after the seed", async () => {
    const { api, createUser } = seeded(2);
    const created = await createUser({ email: "new@example.com" });
    const body = (await (await api("GET", "/users?include_totals=true")).json()) as {
      users: User[];
      total: number;
    };
    expect(body.total).toBe(3);
    expect(body.users.at(-1)).toEqual(created);
  });
});

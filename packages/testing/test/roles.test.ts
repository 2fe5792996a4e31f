import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";

type Role = { id: string; name: string; description?: string };

async function createRole(
  api: ReturnType<typeof setup>["api"],
  name: string,
  description?: string,
) {
  const response = await api(
    "POST",
    "/roles",
    description === undefined ? { name } : { name, description },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Role;
}

describe("roles", () => {
  it("creates a role with 200 (not 201) and a rol_ id of 16 alphanumerics", async () => {
    const { api } = setup();
    const role = await createRole(api, "test-role", "Test Role");
    expect(role).toEqual({
      id: expect.stringMatching(/^rol_[A-Za-z0-9]{16}$/),
      name: "test-role",
      description: "Test Role",
    });
    expect(Object.keys(role)).toEqual(["id", "name", "description"]);
  });

  it("answers 400 invalid_body without a name and 409 for a name taken", async () => {
    const { api } = setup();
    const missing = await api("POST", "/roles", { description: "x" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Payload validation error: 'Missing required property: name'.",
      errorCode: "invalid_body",
    });
    await createRole(api, "admin");
    expect((await api("POST", "/roles", { name: "Admin" })).status).toBe(409);
  });

  it("reads, updates and deletes a role; delete answers 200 {}", async () => {
    const { api } = setup();
    const role = await createRole(api, "editor", "Edits");
    expect(await (await api("GET", `/roles/${role.id}`)).json()).toEqual(role);
    const updated = await api("PATCH", `/roles/${role.id}`, { description: "The Administrator" });
    expect(await updated.json()).toEqual({ ...role, description: "The Administrator" });
    const deleted = await api("DELETE", `/roles/${role.id}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({});
  });

  it("answers 404 'The role does not exist.' without errorCode for an unknown role", async () => {
    const { api } = setup();
    const expected = { statusCode: 404, error: "Not Found", message: "The role does not exist." };
    for (const method of ["GET", "DELETE"]) {
      const response = await api(method, "/roles/rol_0000000000000000");
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(expected);
    }
    expect((await api("PATCH", "/roles/rol_0000000000000000", { name: "x" })).status).toBe(404);
  });

  it("lists roles with name_filter, paging and include_totals as { roles, start, limit, total }", async () => {
    const { api } = setup({
      seed: { roles: [{ name: "reader" }, { name: "writer" }, { name: "Reader-2" }] },
    });
    const filtered = (await (await api("GET", "/roles?name_filter=read")).json()) as Role[];
    expect(filtered.map((role) => role.name)).toEqual(["reader", "Reader-2"]);
    const body = (await (
      await api("GET", "/roles?per_page=2&page=1&include_totals=true")
    ).json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["roles", "start", "limit", "total"]);
    expect(body).toMatchObject({ start: 2, limit: 2, total: 3 });
    expect((body.roles as Role[]).map((role) => role.name)).toEqual(["Reader-2"]);
  });

  it("assigns roles to a user with 204, lists them, and removes them with 204", async () => {
    const { api, createUser } = setup();
    const { user_id } = await createUser();
    const role = await createRole(api, "support");
    const path = `/users/${encodeURIComponent(user_id)}/roles`;
    const assigned = await api("POST", path, { roles: [role.id] });
    expect(assigned.status).toBe(204);
    expect(await assigned.text()).toBe("");
    const listed = await (await api("GET", `${path}?include_totals=true&per_page=50`)).json();
    expect(listed).toEqual({ roles: [role], start: 0, limit: 50, total: 1 });
    expect((await api("DELETE", path, { roles: [role.id] })).status).toBe(204);
    expect(await (await api("GET", path)).json()).toEqual([]);
  });

  it("answers 404 inexistent_user for the roles of an unknown user and 404 for an unknown role id", async () => {
    const { api, createUser } = setup();
    const unknownUser = await api("GET", "/users/auth0%7Cnobody/roles");
    expect(((await unknownUser.json()) as { errorCode: string }).errorCode).toBe("inexistent_user");
    const { user_id } = await createUser();
    const unknownRole = await api("POST", `/users/${encodeURIComponent(user_id)}/roles`, {
      roles: ["rol_missing"],
    });
    expect(unknownRole.status).toBe(404);
  });

  it("answers 400 invalid_body for a roles list that is missing or empty", async () => {
    const { api, createUser } = setup();
    const path = `/users/${encodeURIComponent((await createUser()).user_id)}/roles`;
    expect((await api("POST", path, {})).status).toBe(400);
    expect((await api("POST", path, { roles: [] })).status).toBe(400);
    expect((await api("POST", path, { roles: "rol_x" })).status).toBe(400);
  });

  it("adds users to a role with 200 {} and lists members as { user_id, email, picture, name }", async () => {
    const { api, createUser } = setup();
    const user = await createUser({ picture: "https://example-picture-url.jpg" });
    const role = await createRole(api, "members");
    const added = await api("POST", `/roles/${role.id}/users`, { users: [user.user_id] });
    expect(added.status).toBe(200);
    expect(await added.json()).toEqual({});
    const listed = await (
      await api("GET", `/roles/${role.id}/users?include_totals=true&per_page=50`)
    ).json();
    expect(listed).toEqual({
      users: [{ user_id: user.user_id, email: user.email, picture: user.picture, name: user.name }],
      start: 0,
      limit: 50,
      total: 1,
    });
  });

  it("pages role members by checkpoint: from/take, sorted by user id, next only while more remain", async () => {
    const { api } = setup({
      seed: {
        users: ["c", "a", "b"].map((suffix) => ({
          user_id: `auth0|${suffix}`,
          email: `${suffix}@example.com`,
        })),
        roles: [{ id: "rol_checkpoint0000", name: "cp", users: ["auth0|c", "auth0|a", "auth0|b"] }],
      },
    });
    const first = (await (
      await api("GET", "/roles/rol_checkpoint0000/users?take=2&include_totals=true")
    ).json()) as {
      users: { user_id: string }[];
      next?: string;
    };
    expect(first.users.map((user) => user.user_id)).toEqual(["auth0|a", "auth0|b"]);
    expect(typeof first.next).toBe("string");
    const second = (await (
      await api(
        "GET",
        `/roles/rol_checkpoint0000/users?take=2&from=${encodeURIComponent(first.next!)}`,
      )
    ).json()) as { users: { user_id: string }[]; next?: string };
    expect(second).toEqual({ users: [expect.objectContaining({ user_id: "auth0|c" })] });
  });

  it("refuses offset pages of role members beyond 1000 records", async () => {
    const { api } = setup({ seed: { roles: [{ id: "rol_big0000000000000", name: "big" }] } });
    const response = await api("GET", "/roles/rol_big0000000000000/users?page=10&per_page=100");
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(
      "Requesting page 10 exceeds the allowed maximum of 1000 records.",
    );
  });

  it("removes the members of a deleted role", async () => {
    const { api, createUser, emulator } = setup();
    const { user_id } = await createUser();
    const role = await createRole(api, "temporary");
    await api("POST", `/users/${encodeURIComponent(user_id)}/roles`, { roles: [role.id] });
    await api("DELETE", `/roles/${role.id}`);
    expect(emulator.state.roleMembers.has(role.id)).toBe(false);
    expect(await (await api("GET", `/users/${encodeURIComponent(user_id)}/roles`)).json()).toEqual(
      [],
    );
  });

  it("writes sapi log events for role writes", async () => {
    const { api, emulator } = setup();
    const role = await createRole(api, "audited");
    await api("PATCH", `/roles/${role.id}`, { name: "audited-2" });
    await api("DELETE", `/roles/${role.id}`);
    const descriptions = emulator.state.logs
      .filter((log) => log.type === "sapi")
      .map((log) => log.description);
    expect(descriptions).toEqual(["Create a role", "Update a role", "Delete a role"]);
  });
});

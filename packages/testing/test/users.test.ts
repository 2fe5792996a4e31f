import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";

const connection = "Username-Password-Authentication";

describe("users", () => {
  it("creates a user shaped like Auth0's (201, auth0|<24 hex>, defaults, no password)", async () => {
    const { api, clock } = setup();
    const response = await api("POST", "/users", {
      connection,
      email: "Chuck@Example.com",
      username: "chuck",
      password: "I have a password and its a secret",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const user = (await response.json()) as Record<string, unknown>;
    expect(user.user_id).toMatch(/^auth0\|[0-9a-f]{24}$/);
    const at = new Date(clock.now()).toISOString();
    expect(user).toEqual({
      created_at: at,
      email: "chuck@example.com",
      email_verified: false,
      identities: [
        {
          connection,
          user_id: (user.user_id as string).slice(6),
          provider: "auth0",
          isSocial: false,
        },
      ],
      name: "chuck@example.com",
      nickname: "chuck",
      picture:
        "https://s.gravatar.com/avatar/0b79e7da7bc7877560620cf8f2cc93ae?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Fch.png",
      updated_at: at,
      user_id: user.user_id,
      username: "chuck",
    });
    expect(JSON.stringify(user)).not.toContain("secret");
  });

  it("starts the user id with the creation time in seconds, like a Mongo ObjectId", async () => {
    const { createUser, clock } = setup();
    const { user_id } = await createUser();
    expect(Number.parseInt(user_id.slice(6, 14), 16)).toBe(clock.now() / 1000);
  });

  it("uses a given user_id as the id after the provider prefix", async () => {
    const { createUser } = setup();
    expect((await createUser({ user_id: "custom-123" })).user_id).toBe("auth0|custom-123");
  });

  it("answers 400 invalid_body without connection", async () => {
    const { api } = setup();
    const response = await api("POST", "/users", { email: "a@example.com", password: "x" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Payload validation error: 'Missing required property: connection'.",
      errorCode: "invalid_body",
    });
  });

  it("answers 400 for missing email or password, unknown properties, wrong types and bad emails", async () => {
    const { api } = setup();
    const messages = async (body: unknown) =>
      ((await (await api("POST", "/users", body)).json()) as { message: string }).message;
    expect(await messages({ connection, password: "x" })).toBe(
      "Payload validation error: 'Missing required property: email'.",
    );
    expect(await messages({ connection, email: "a@example.com" })).toBe(
      "Payload validation error: 'Missing required property: password'.",
    );
    expect(
      await messages({ connection, email: "a@example.com", password: "x", color: "red" }),
    ).toBe("Payload validation error: 'Additional properties not allowed: color'.");
    expect(await messages({ connection, email: 42, password: "x" })).toBe(
      "Payload validation error: 'Expected type string but found type integer' on property email.",
    );
    expect(await messages({ connection, email: "not-an-email", password: "x" })).toBe(
      "Payload validation error: 'Object didn't pass validation for format email: not-an-email' on property email.",
    );
    expect(await messages([])).toBe(
      "Payload validation error: 'Expected type object but found type array'.",
    );
  });

  it("answers 400 inexistent_connection for a connection the tenant does not have", async () => {
    const { api } = setup();
    const response = await api("POST", "/users", {
      connection: "nope",
      email: "a@example.com",
      password: "x",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "The connection does not exist.",
      errorCode: "inexistent_connection",
    });
  });

  it("answers 409 auth0_idp_error for a duplicate email in the same connection, whatever its case", async () => {
    const { api, createUser } = setup({ connections: [connection, "other-db"] });
    await createUser({ email: "dup@example.com" });
    const response = await api("POST", "/users", {
      connection,
      email: "DUP@example.com",
      password: "x",
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      statusCode: 409,
      error: "Conflict",
      message: "The user already exists.",
      errorCode: "auth0_idp_error",
    });
    const elsewhere = await api("POST", "/users", {
      connection: "other-db",
      email: "dup@example.com",
      password: "x",
    });
    expect(elsewhere.status).toBe(201);
  });

  it("reads a user by percent-encoded id", async () => {
    const { api, createUser } = setup();
    const created = await createUser();
    const response = await api("GET", `/users/${encodeURIComponent(created.user_id)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(created);
  });

  it("answers 404 inexistent_user for an unknown user id", async () => {
    const { api } = setup();
    const response = await api("GET", "/users/auth0%7C000000000000000000000000");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      error: "Not Found",
      message: "The user does not exist.",
      errorCode: "inexistent_user",
    });
  });

  it("keeps an encoded slash inside the id instead of routing elsewhere", async () => {
    const { api } = setup();
    const response = await api("GET", `/users/${encodeURIComponent("../roles")}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errorCode: string }).errorCode).toBe("inexistent_user");
  });

  it("applies fields and include_fields", async () => {
    const { api, createUser } = setup();
    const { user_id } = await createUser();
    const only = await api("GET", `/users/${encodeURIComponent(user_id)}?fields=user_id,email`);
    expect(Object.keys((await only.json()) as object).sort()).toEqual(["email", "user_id"]);
    const without = await api(
      "GET",
      `/users/${encodeURIComponent(user_id)}?fields=identities&include_fields=false`,
    );
    expect((await without.json()) as object).not.toHaveProperty("identities");
  });

  it("updates a user: merges metadata, removes null keys, records a password reset", async () => {
    const { api, createUser, clock } = setup();
    const { user_id } = await createUser({
      app_metadata: { plan: "free", keep: 1 },
      name: "Chuck",
    });
    clock.advance(5_000);
    const response = await api("PATCH", `/users/${encodeURIComponent(user_id)}`, {
      connection,
      password: "new password",
      app_metadata: { plan: "pro", keep: null, added: true },
      name: "Chuck Norris",
    });
    expect(response.status).toBe(200);
    const user = (await response.json()) as Record<string, unknown>;
    const at = new Date(clock.now()).toISOString();
    expect(user).toMatchObject({ name: "Chuck Norris", updated_at: at, last_password_reset: at });
    expect(user.app_metadata).toEqual({ plan: "pro", added: true });
    expect(Object.keys(user).slice(-2)).toEqual(["last_password_reset", "app_metadata"]);
    expect(user).not.toHaveProperty("password");
  });

  it("marks a changed email unverified", async () => {
    const { api, createUser } = setup();
    const { user_id } = await createUser({ email_verified: true });
    const response = await api("PATCH", `/users/${encodeURIComponent(user_id)}`, {
      email: "New@example.com",
    });
    expect(await response.json()).toMatchObject({
      email: "new@example.com",
      email_verified: false,
    });
  });

  it("answers 404 to PATCH of an unknown user and 400 to an empty PATCH", async () => {
    const { api, createUser } = setup();
    expect((await api("PATCH", "/users/auth0%7Cnobody", { name: "x" })).status).toBe(404);
    const { user_id } = await createUser();
    const empty = await api("PATCH", `/users/${encodeURIComponent(user_id)}`, {});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { errorCode: string }).errorCode).toBe("invalid_body");
  });

  it("deletes with 204 and an empty body, and answers 204 again for a user already gone", async () => {
    const { api, createUser, emulator } = setup();
    const { user_id } = await createUser();
    const path = `/users/${encodeURIComponent(user_id)}`;
    const response = await api("DELETE", path);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
    expect(emulator.state.users.has(user_id)).toBe(false);
    expect((await api("GET", path)).status).toBe(404);
    expect((await api("DELETE", path)).status).toBe(204);
  });

  it("finds users by email with /users-by-email", async () => {
    const { api, createUser } = setup();
    const user = await createUser({ email: "find.me@example.com" });
    await createUser();
    const response = await api("GET", "/users-by-email?email=find.me%40example.com");
    expect(await response.json()).toEqual([user]);
    expect(await (await api("GET", "/users-by-email?email=nobody%40example.com")).json()).toEqual(
      [],
    );
    const missing = await api("GET", "/users-by-email");
    expect(missing.status).toBe(400);
  });

  it("writes ss and sapi log events for a created user, and sapi for a deleted one, with the password masked", async () => {
    const { api, createUser, emulator } = setup();
    const { user_id } = await createUser({ password: "Super secret password 1" });
    await api("DELETE", `/users/${encodeURIComponent(user_id)}`);
    const events = emulator.state.logs.filter((log) => log.type !== "seccft");
    expect(events.map((log) => [log.type, log.description])).toEqual([
      ["ss", ""],
      ["sapi", "Create a User"],
      ["sapi", "Delete a User"],
    ]);
    expect(events[0]).toMatchObject({ user_id, strategy: "auth0", strategy_type: "database" });
    expect(events[1]!.details).toMatchObject({
      request: { method: "post", path: "/api/v2/users", body: { password: "*****" } },
      response: { statusCode: 201, body: { user_id } },
    });
    expect(JSON.stringify(emulator.state.logs)).not.toContain("Super secret password 1");
  });

  it("removes a deleted user from its roles", async () => {
    const { api, createUser, emulator } = setup();
    const { user_id } = await createUser();
    const role = (await (await api("POST", "/roles", { name: "admin" })).json()) as { id: string };
    await api("POST", `/roles/${role.id}/users`, { users: [user_id] });
    await api("DELETE", `/users/${encodeURIComponent(user_id)}`);
    expect(emulator.state.roleMembers.get(role.id)?.has(user_id)).toBe(false);
  });
});

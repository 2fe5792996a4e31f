import { describe, expect, it } from "vitest";
import { ManagementApiError } from "../../src/index.js";
import { compatTenant, DATABASE, viaCallback } from "./support.js";

const ada = { user_id: "auth0|ada", email: "ada@example.com", given_name: "Ada" };
const bob = { user_id: "auth0|bob", email: "bob@example.com" };

function tenant() {
  const t = compatTenant({ seed: { users: [ada, bob] } });
  return { ...t, management: t.management() };
}

describe("compat: users", () => {
  it("createUser: POST /users creates the user", async () => {
    const { management, emulator, lastCall } = tenant();
    const user = await management.createUser({
      connection: DATABASE,
      email: "cy@example.com",
      password: "A passphrase of some length",
    });
    expect(lastCall()).toBe("POST /users");
    expect(emulator.state.users.get(user.user_id as string)?.email).toBe("cy@example.com");
  });

  it("getUser: GET /users/{id} resolves with the user, or calls back with it", async () => {
    const { management, lastCall } = tenant();
    expect((await management.getUser({ id: ada.user_id })).email).toBe(ada.email);
    expect(lastCall()).toBe("GET /users/auth0|ada");
    const { error, result, returned } = await viaCallback((cb) =>
      management.getUser({ id: bob.user_id }, cb),
    );
    expect([error, (result as { email?: string })?.email, returned]).toEqual([
      null,
      bob.email,
      undefined,
    ]);
  });

  it("getUser: an API error rejects, or is the callback's first argument", async () => {
    const { management } = tenant();
    await expect(management.getUser({ id: "auth0|nobody" })).rejects.toBeInstanceOf(
      ManagementApiError,
    );
    const { error, result } = await viaCallback((cb) =>
      management.getUser({ id: "auth0|nobody" }, cb),
    );
    expect(error).toBeInstanceOf(ManagementApiError);
    expect((error as ManagementApiError).errorCode).toBe("inexistent_user");
    expect(result).toBeUndefined();
  });

  it("getUsers: GET /users with the seed's paging and search parameters, or a callback alone", async () => {
    const { management, lastQuery } = tenant();
    const page = await management.getUsers({ per_page: 1, page: 1, q: "_exists_:email" });
    expect(lastQuery()).toEqual({ per_page: "1", page: "1", q: "_exists_:email" });
    expect(page).toHaveLength(1);
    const { result } = await viaCallback((cb) => management.getUsers(cb));
    expect((result as unknown[]).length).toBe(2);
  });

  it("getUsersByEmail: GET /users-by-email?email=", async () => {
    const { management, lastCall, lastQuery } = tenant();
    const users = await management.getUsersByEmail(ada.email);
    expect([lastCall(), lastQuery()]).toEqual(["GET /users-by-email", { email: ada.email }]);
    expect(users.map((u) => u.user_id)).toEqual([ada.user_id]);
  });

  it("updateUser: PATCH /users/{id} with the data, also with a callback", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.updateUser({ id: ada.user_id }, { nickname: "countess" });
    expect(lastCall()).toBe("PATCH /users/auth0|ada");
    const { error } = await viaCallback((cb) =>
      management.updateUser({ id: bob.user_id }, { blocked: true }, cb),
    );
    expect(error).toBeNull();
    expect(emulator.state.users.get(ada.user_id)?.nickname).toBe("countess");
    expect(emulator.state.users.get(bob.user_id)?.blocked).toBe(true);
  });

  it("updateUserMetadata: PATCH /users/{id} merges into user_metadata", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.updateUserMetadata({ id: ada.user_id }, { theme: "dark" });
    await management.updateUserMetadata({ id: ada.user_id }, { lang: "en" });
    expect(lastCall()).toBe("PATCH /users/auth0|ada");
    expect(emulator.state.users.get(ada.user_id)?.user_metadata).toEqual({
      theme: "dark",
      lang: "en",
    });
  });

  it("updateAppMetadata: PATCH /users/{id} merges into app_metadata", async () => {
    const { management, emulator } = tenant();
    const user = await management.updateAppMetadata({ id: bob.user_id }, { plan: "pro" });
    expect(user.app_metadata).toEqual({ plan: "pro" });
    expect(emulator.state.users.get(bob.user_id)?.app_metadata).toEqual({ plan: "pro" });
  });

  it("deleteUser: DELETE /users/{id}, also with a callback", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.deleteUser({ id: ada.user_id });
    expect(lastCall()).toBe("DELETE /users/auth0|ada");
    const { error } = await viaCallback((cb) => management.deleteUser({ id: bob.user_id }, cb));
    expect(error).toBeNull();
    expect(emulator.state.users.size).toBe(0);
  });

  it("deleteAllUsers: pages through GET /users and deletes each user (no DELETE /users any more)", async () => {
    const users = Array.from({ length: 130 }, (_, i) => ({ user_id: `auth0|u${i}` }));
    const t = compatTenant({ seed: { users } });
    const { error } = await viaCallback((cb) => t.management().deleteAllUsers(cb));
    expect(error).toBeNull();
    expect(t.emulator.state.users.size).toBe(0);
    const calls = t.calls();
    expect(calls.filter((c) => c === "GET /users")).toHaveLength(3);
    expect(calls.filter((c) => c.startsWith("DELETE /users/"))).toHaveLength(130);
    expect(calls).not.toContain("DELETE /users");
  });

  it("deleteUserMultifactor: DELETE /users/{id}/multifactor/{provider}", async () => {
    const t = compatTenant({ seed: { users: [{ ...ada, multifactor: ["duo"] }] } });
    await t.management().deleteUserMultifactor({ id: ada.user_id, provider: "duo" });
    expect(t.lastCall()).toBe("DELETE /users/auth0|ada/multifactor/duo");
    expect(t.emulator.state.users.get(ada.user_id)?.multifactor).toBeUndefined();
  });

  it("linkUsers: POST /users/{id}/identities, with the user id or { id }, also with a callback", async () => {
    const { management, emulator, lastCall } = tenant();
    const identities = await management.linkUsers(ada.user_id, {
      provider: "auth0",
      user_id: bob.user_id,
    });
    expect(lastCall()).toBe("POST /users/auth0|ada/identities");
    expect(identities.map((i) => i.user_id)).toEqual(["ada", "bob"]);
    expect(emulator.state.users.has(bob.user_id)).toBe(false);
    const cy = { user_id: "auth0|cy", connection: DATABASE };
    emulator.state.users.set(cy.user_id, {
      ...emulator.state.users.get(ada.user_id)!,
      user_id: cy.user_id,
      identities: [{ connection: DATABASE, user_id: "cy", provider: "auth0", isSocial: false }],
    });
    const { error, result } = await viaCallback((cb) =>
      management.linkUsers({ id: ada.user_id }, { provider: "auth0", user_id: "cy" }, cb),
    );
    expect(error).toBeNull();
    expect(result).toHaveLength(3);
  });

  it("unlinkUsers: DELETE /users/{id}/identities/{provider}/{user_id}", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.linkUsers(ada.user_id, { provider: "auth0", user_id: bob.user_id });
    const left = await management.unlinkUsers({
      id: ada.user_id,
      provider: "auth0",
      user_id: "bob",
    });
    expect(lastCall()).toBe("DELETE /users/auth0|ada/identities/auth0/bob");
    expect(left).toHaveLength(1);
    expect(emulator.state.users.has(bob.user_id)).toBe(true);
  });

  it("getUserLogs: GET /users/{id}/logs with paging and sort", async () => {
    const t = compatTenant({
      seed: {
        users: [ada],
        logs: [
          { type: "s", user_id: ada.user_id, date: "2024-12-01T00:00:00.000Z" },
          { type: "s", user_id: "auth0|other", date: "2024-12-02T00:00:00.000Z" },
        ],
      },
    });
    const logs = await t
      .management()
      .getUserLogs({ id: ada.user_id, page: 0, per_page: 5, sort: "date:-1" });
    expect(t.lastCall()).toBe("GET /users/auth0|ada/logs");
    expect(t.lastQuery()).toEqual({ page: "0", per_page: "5", sort: "date:-1" });
    expect((logs as Array<{ user_id: string }>).map((l) => l.user_id)).toEqual([ada.user_id]);
  });

  it("getGuardianEnrollments: GET /users/{id}/enrollments", async () => {
    const { management, emulator, lastCall } = tenant();
    emulator.state.guardianEnrollments.set(ada.user_id, [{ id: "dev_1", status: "confirmed" }]);
    expect(await management.getGuardianEnrollments({ id: ada.user_id })).toEqual([
      { id: "dev_1", status: "confirmed" },
    ]);
    expect(lastCall()).toBe("GET /users/auth0|ada/enrollments");
  });
});

import { describe, expect, it } from "vitest";
import { setup } from "./support/emulator";

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
const day = 86_400_000;

describe("stats", () => {
  it("counts users who logged in during the last 30 days", async () => {
    // The emulator's clock starts at 2025-01-01.
    const daysBefore = (days: number) => new Date(Date.UTC(2025, 0, 1) - days * day).toISOString();
    const { api } = setup({
      seed: {
        users: [
          { user_id: "auth0|recent", last_login: daysBefore(2) },
          { user_id: "auth0|old", last_login: daysBefore(40) },
          { user_id: "auth0|never" },
        ],
      },
    });
    expect(await (await api("GET", "/stats/active-users")).json()).toBe(1);
  });

  it("sums logins and signups per day from the log, within from and to", async () => {
    const { api } = setup({
      seed: {
        logs: [
          { type: "s", date: "2024-12-30T10:00:00.000Z" },
          { type: "s", date: "2024-12-30T11:00:00.000Z" },
          { type: "ss", date: "2024-12-31T09:00:00.000Z" },
          { type: "f", date: "2024-12-31T09:30:00.000Z" },
        ],
      },
    });
    expect(await (await api("GET", "/stats/daily?from=20241230&to=20241231")).json()).toEqual([
      {
        date: "2024-12-30T00:00:00.000Z",
        created_at: "2024-12-30T10:00:00.000Z",
        leaked_passwords: 0,
        logins: 2,
        signups: 0,
        updated_at: "2024-12-30T11:00:00.000Z",
      },
      {
        date: "2024-12-31T00:00:00.000Z",
        created_at: "2024-12-31T09:00:00.000Z",
        leaked_passwords: 0,
        logins: 0,
        signups: 1,
        updated_at: "2024-12-31T09:00:00.000Z",
      },
    ]);
    const reversed = await api("GET", "/stats/daily?from=20241231&to=20241230");
    expect([reversed.status, (await json(reversed)).message]).toEqual([
      400,
      "'from' date cannot be greater than 'to' date.",
    ]);
    expect((await api("GET", "/stats/daily?from=2024-12-30")).status).toBe(400);
  });
});

describe("tickets", () => {
  it("answers tickets on the tenant's Universal Login, and 404 for an unknown user", async () => {
    const { api, createUser, emulator } = setup();
    const { user_id, email } = await createUser();
    const verify = await api("POST", "/tickets/email-verification", { user_id });
    expect(verify.status).toBe(201);
    expect((await json(verify)).ticket).toMatch(
      new RegExp(`^https://${emulator.domain}/u/email-verification\\?ticket=[A-Za-z0-9]{32}#$`),
    );
    const byEmail = await json(
      await api("POST", "/tickets/password-change", {
        email,
        connection_id: [...emulator.state.connections.keys()][0],
      }),
    );
    expect(byEmail.ticket).toContain("/u/reset-password?ticket=");
    const unknown = await api("POST", "/tickets/password-change", { user_id: "auth0|nobody" });
    expect([unknown.status, (await json(unknown)).errorCode]).toEqual([404, "inexistent_user"]);
  });
});

describe("user identities, multifactor and enrollments", () => {
  it("links a secondary account into the primary and unlinks it back into a user", async () => {
    const { api, createUser, emulator } = setup();
    const primary = await createUser();
    const secondary = await createUser({ given_name: "Second" });
    const linked = await api("POST", `/users/${encodeURIComponent(primary.user_id)}/identities`, {
      provider: "auth0",
      user_id: secondary.user_id,
    });
    expect(linked.status).toBe(201);
    const identities = (await linked.json()) as Array<Record<string, unknown>>;
    expect(identities.map((i) => i.user_id)).toEqual([
      primary.user_id.slice(6),
      secondary.user_id.slice(6),
    ]);
    expect(identities[1]!.profileData).toMatchObject({ given_name: "Second" });
    expect(emulator.state.users.has(secondary.user_id)).toBe(false);

    const unlinked = await api(
      "DELETE",
      `/users/${encodeURIComponent(primary.user_id)}/identities/auth0/${secondary.user_id.slice(6)}`,
    );
    expect(((await unlinked.json()) as unknown[]).length).toBe(1);
    expect(emulator.state.users.get(secondary.user_id)?.given_name).toBe("Second");
  });

  it("refuses to link a user to itself, to nobody, and to unlink the main identity", async () => {
    const { api, createUser } = setup();
    const { user_id } = await createUser();
    const path = `/users/${encodeURIComponent(user_id)}/identities`;
    const self = await json(await api("POST", path, { provider: "auth0", user_id }));
    expect(self.message).toBe("Main identity and the new one are the same.");
    const nobody = await json(await api("POST", path, { provider: "auth0", user_id: "nobody" }));
    expect(nobody.message).toBe("Provided secondary account not found.");
    const main = await api("DELETE", `${path}/auth0/${user_id.slice(6)}`);
    expect([main.status, (await json(main)).message]).toEqual([
      400,
      "Main identity cannot be removed.",
    ]);
  });

  it("removes a multifactor provider and lists Guardian enrollments", async () => {
    const { api, emulator } = setup({
      seed: { users: [{ user_id: "auth0|mfa", multifactor: ["google-authenticator"] }] },
    });
    emulator.state.guardianEnrollments.set("auth0|mfa", [
      { id: "dev_1", status: "confirmed", type: "authenticator" },
    ]);
    const removed = await api("DELETE", "/users/auth0%7Cmfa/multifactor/google-authenticator");
    expect(removed.status).toBe(204);
    expect(emulator.state.users.get("auth0|mfa")?.multifactor).toBeUndefined();
    expect((await api("DELETE", "/users/auth0%7Cmfa/multifactor/sms")).status).toBe(400);
    expect(await (await api("GET", "/users/auth0%7Cmfa/enrollments")).json()).toEqual([
      { id: "dev_1", status: "confirmed", type: "authenticator" },
    ]);
    expect((await api("GET", "/users/auth0%7Cnobody/enrollments")).status).toBe(404);
  });
});

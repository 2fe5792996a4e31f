import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/index.js";
import { CLIENT_ID, DOMAIN } from "../support/secrets.js";
import { compatTenant, viaCallback } from "./support.js";

function tenant(options: Parameters<typeof compatTenant>[0] = {}) {
  const t = compatTenant(options);
  return { ...t, management: t.management() };
}

const key = {
  device_name: "Phone",
  device_id: "dev-1",
  type: "public_key" as const,
  value: "PUBLIC",
};
const smtp = {
  name: "smtp" as const,
  credentials: { smtp_host: "smtp.example.com", smtp_port: 587, smtp_user: "u", smtp_pass: "p" },
};

describe("compat: device credentials, email provider, tenant, denylist", () => {
  it("createDevicePublicKey: POST /device-credentials", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createDevicePublicKey(key);
    expect(lastCall()).toBe("POST /device-credentials");
    expect(emulator.state.deviceCredentials.get(id as string)?.device_id).toBe("dev-1");
  });

  it("getDeviceCredentials: GET /device-credentials, or a callback alone", async () => {
    const { management, lastCall } = tenant();
    await management.createDevicePublicKey(key);
    const { result } = await viaCallback((cb) => management.getDeviceCredentials(cb));
    expect(lastCall()).toBe("GET /device-credentials");
    expect((result as Array<{ device_name: string }>).map((c) => c.device_name)).toEqual(["Phone"]);
  });

  it("deleteDeviceCredential: DELETE /device-credentials/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createDevicePublicKey(key);
    await management.deleteDeviceCredential({ id: id as string });
    expect(lastCall()).toBe(`DELETE /device-credentials/${id}`);
    expect(emulator.state.deviceCredentials.size).toBe(0);
  });

  it("configureEmailProvider: POST /emails/provider", async () => {
    const { management, emulator, lastCall } = tenant();
    const provider = await management.configureEmailProvider(smtp);
    expect(lastCall()).toBe("POST /emails/provider");
    expect(provider.credentials).not.toHaveProperty("smtp_pass");
    expect(emulator.state.tenant.emailProvider?.name).toBe("smtp");
  });

  it("getEmailProvider: GET /emails/provider, or a callback alone", async () => {
    const { management, lastCall } = tenant();
    await management.configureEmailProvider(smtp);
    const { result } = await viaCallback((cb) => management.getEmailProvider(cb));
    expect(lastCall()).toBe("GET /emails/provider");
    expect((result as { name?: string })?.name).toBe("smtp");
  });

  it("updateEmailProvider: PATCH /emails/provider (params, data)", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.configureEmailProvider(smtp);
    await management.updateEmailProvider({}, { enabled: false });
    expect(lastCall()).toBe("PATCH /emails/provider");
    expect(emulator.state.tenant.emailProvider?.enabled).toBe(false);
  });

  it("deleteEmailProvider: DELETE /emails/provider, also with a callback", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.configureEmailProvider(smtp);
    const { error } = await viaCallback((cb) => management.deleteEmailProvider(cb));
    expect([error, lastCall()]).toEqual([null, "DELETE /emails/provider"]);
    expect(emulator.state.tenant.emailProvider).toBeUndefined();
  });

  it("getTenantSettings: GET /tenants/settings", async () => {
    const { management, lastCall } = tenant();
    const settings = await management.getTenantSettings();
    expect(lastCall()).toBe("GET /tenants/settings");
    expect(settings.friendly_name).toBe(DOMAIN.split(".")[0]);
  });

  it("updateTenantSettings: PATCH /tenants/settings", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.updateTenantSettings({ friendly_name: "Acme" });
    expect(lastCall()).toBe("PATCH /tenants/settings");
    expect(emulator.state.tenant.settings.friendly_name).toBe("Acme");
  });

  it("blacklistToken: POST /blacklists/tokens, with the request helper (gone from the API document)", async () => {
    const { management, emulator, lastCall } = tenant();
    expect(await management.blacklistToken({ aud: CLIENT_ID, jti: "j-1" })).toBeUndefined();
    expect(lastCall()).toBe("POST /blacklists/tokens");
    expect(emulator.state.blacklistedTokens).toEqual([{ aud: CLIENT_ID, jti: "j-1" }]);
  });

  it("getBlacklistedTokens: GET /blacklists/tokens, or a callback alone", async () => {
    const { management, lastCall } = tenant();
    await management.blacklistToken({ aud: CLIENT_ID, jti: "j-1" });
    const { result } = await viaCallback((cb) => management.getBlacklistedTokens(cb));
    expect(lastCall()).toBe("GET /blacklists/tokens");
    expect(result).toEqual([{ aud: CLIENT_ID, jti: "j-1" }]);
  });
});

describe("compat: stats, tickets, logs, client info", () => {
  const now = Date.now();
  const recently = new Date(now - 86_400_000).toISOString();

  it("getActiveUsersCount: GET /stats/active-users, also with a callback", async () => {
    const { management, lastCall } = tenant({
      seed: { users: [{ user_id: "auth0|a", last_login: recently }, { user_id: "auth0|b" }] },
    });
    expect(await management.getActiveUsersCount()).toBe(1);
    expect(lastCall()).toBe("GET /stats/active-users");
    const { result } = await viaCallback((cb) => management.getActiveUsersCount(cb));
    expect(result).toBe(1);
  });

  it("getDailyStats: GET /stats/daily with from and to", async () => {
    const { management, lastQuery } = tenant({
      seed: { logs: [{ type: "s", date: "2025-03-04T10:00:00.000Z" }] },
    });
    const days = await management.getDailyStats({ from: "20250301", to: "20250331" });
    expect(lastQuery()).toEqual({ from: "20250301", to: "20250331" });
    expect(days).toEqual([
      expect.objectContaining({ date: "2025-03-04T00:00:00.000Z", logins: 1 }),
    ]);
  });

  it("createEmailVerificationTicket: POST /tickets/email-verification answers { ticket }", async () => {
    const { management, lastCall } = tenant({
      seed: { users: [{ user_id: "auth0|a", email: "a@example.com" }] },
    });
    const { ticket } = await management.createEmailVerificationTicket({ user_id: "auth0|a" });
    expect(lastCall()).toBe("POST /tickets/email-verification");
    expect(ticket).toMatch(new RegExp(`^https://${DOMAIN}/u/email-verification\\?ticket=`));
  });

  it("createPasswordChangeTicket: POST /tickets/password-change answers { ticket }", async () => {
    const { management, lastCall } = tenant({
      seed: { users: [{ user_id: "auth0|a", email: "a@example.com" }] },
    });
    const { ticket } = await management.createPasswordChangeTicket({
      user_id: "auth0|a",
      result_url: "https://app.example.com/",
    });
    expect(lastCall()).toBe("POST /tickets/password-change");
    expect(ticket).toMatch(new RegExp(`^https://${DOMAIN}/u/reset-password\\?ticket=`));
  });

  it("getLogs: GET /logs with q and paging", async () => {
    const { management, lastCall, lastQuery } = tenant({
      seed: { logs: [{ type: "s" }, { type: "f" }, { type: "s" }] },
    });
    const logs = (await management.getLogs({ q: "type:s", per_page: 10 })) as Array<{
      type: string;
    }>;
    expect([lastCall(), lastQuery()]).toEqual(["GET /logs", { q: "type:s", per_page: "10" }]);
    expect(logs.map((l) => l.type)).toEqual(["s", "s"]);
  });

  it("getLog: GET /logs/{id}", async () => {
    const { management, emulator, lastCall } = tenant({ seed: { logs: 1 } });
    const { log_id } = emulator.state.logs[0]!;
    expect((await management.getLog({ id: log_id })).log_id).toBe(log_id);
    expect(lastCall()).toBe(`GET /logs/${log_id}`);
  });

  it("getClientInfo: the telemetry sent as Auth0-Client, without a request", () => {
    const { management, emulator } = tenant();
    const info = management.getClientInfo();
    expect(info).toEqual({
      name: "auth0-edge-management",
      version: VERSION,
      env: { runtime: expect.any(String) },
    });
    expect(emulator.requests).toEqual([]);
  });
});

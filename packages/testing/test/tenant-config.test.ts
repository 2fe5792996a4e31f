import { describe, expect, it } from "vitest";
import { connectionIdOf } from "../src/connection-ids";
import { clientId, clientSecret, setup } from "./support/emulator";

const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
const database = "Username-Password-Authentication";

describe("clients", () => {
  it("lists the configured clients with their secret and a grant for the Management API", async () => {
    const { api, emulator } = setup({ clients: [{ clientId: "m2m-two", name: "Second" }] });
    const listed = (await (await api("GET", "/clients")).json()) as Array<Record<string, unknown>>;
    expect(listed.map((c) => [c.client_id, c.name, c.app_type])).toEqual([
      [clientId, "Default App", "non_interactive"],
      ["m2m-two", "Second", "non_interactive"],
    ]);
    expect(listed[0]!.client_secret).toBe(clientSecret);
    const grants = (await (
      await api("GET", `/client-grants?client_id=${clientId}`)
    ).json()) as Array<Record<string, unknown>>;
    expect(grants).toEqual([
      expect.objectContaining({ client_id: clientId, audience: emulator.audience }),
    ]);
  });

  it("creates a client with a 32-character id and a 64-character secret, never logged", async () => {
    const { api, emulator } = setup();
    const created = await json(await api("POST", "/clients", { name: "App", app_type: "spa" }));
    expect(created.client_id).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(created.client_secret).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(created.app_type).toBe("spa");
    const audit = emulator.state.logs.find((log) => log.description === "Create client");
    expect(JSON.stringify(audit)).not.toContain(created.client_secret as string);
  });

  it("merges jwt_configuration on update, rotates the secret, and answers 404 inexistent_client", async () => {
    const { api } = setup();
    const { client_id: id, client_secret: first } = await json(
      await api("POST", "/clients", { name: "App" }),
    );
    const updated = await json(
      await api("PATCH", `/clients/${id}`, { jwt_configuration: { alg: "RS256" } }),
    );
    expect(updated.jwt_configuration).toEqual({
      secret_encoded: false,
      lifetime_in_seconds: 36000,
      alg: "RS256",
    });
    const rotated = await json(await api("POST", `/clients/${id}/rotate-secret`));
    expect(rotated.client_secret).not.toBe(first);
    expect((await api("DELETE", `/clients/${id}`)).status).toBe(204);
    expect(await json(await api("GET", `/clients/${id}`))).toEqual({
      statusCode: 404,
      error: "Not Found",
      message: "The client does not exist",
      errorCode: "inexistent_client",
    });
  });
});

describe("connections", () => {
  it("holds the configured database connections under the ids of connectionIdOf", async () => {
    const { api } = setup();
    const listed = (await (await api("GET", "/connections?strategy=auth0")).json()) as Array<
      Record<string, unknown>
    >;
    expect(listed.map((c) => [c.id, c.name])).toEqual([[connectionIdOf(database), database]]);
  });

  it("lets users be created in a new database connection, and deleting it deletes them", async () => {
    const { api, createUser, emulator } = setup();
    const created = await json(
      await api("POST", "/connections", { name: "db2", strategy: "auth0" }),
    );
    const { user_id } = await createUser({ connection: "db2" });
    expect((await api("POST", "/connections", { name: "db2", strategy: "auth0" })).status).toBe(
      409,
    );
    const deleted = await api("DELETE", `/connections/${created.id}`);
    expect(deleted.status).toBe(202);
    expect(emulator.state.users.has(user_id)).toBe(false);
    expect((await api("DELETE", `/connections/${created.id}`)).status).toBe(204);
  });

  it("filters by name and strategy, and answers 400 for a name on update", async () => {
    const { api } = setup();
    await api("POST", "/connections", { name: "gh", strategy: "github" });
    const byName = (await (await api("GET", "/connections?name=gh")).json()) as unknown[];
    expect(byName).toEqual([
      expect.objectContaining({ name: "gh", strategy: "github", options: {} }),
    ]);
    const both = await json(
      await api("GET", "/connections?strategy=github&strategy=auth0&include_totals=true"),
    );
    expect(both.total).toBe(2);
    const { id } = byName[0] as { id: string };
    expect((await json(await api("PATCH", `/connections/${id}`, { name: "x" }))).message).toBe(
      "Payload validation error: 'Additional properties not allowed: name'.",
    );
  });
});

describe("rules, resource servers, client grants and device credentials", () => {
  it("orders new rules after the existing ones and refuses a duplicate name with 409", async () => {
    const { api } = setup();
    const script = "function (user, context, callback) { callback(null, user, context); }";
    await api("POST", "/rules", { name: "one", script, order: 7 });
    const two = await json(await api("POST", "/rules", { name: "two", script }));
    expect([two.order, two.enabled, two.stage]).toEqual([8, true, "login_success"]);
    const duplicate = await api("POST", "/rules", { name: "two", script });
    expect([duplicate.status, (await json(duplicate)).message]).toEqual([
      409,
      "A rule with the same name already exists.",
    ]);
    const enabled = (await (await api("GET", "/rules?enabled=true")).json()) as unknown[];
    expect(enabled).toHaveLength(2);
  });

  it("lists the Management API as a system resource server and refuses a taken identifier", async () => {
    const { api, emulator } = setup();
    const listed = (await (await api("GET", "/resource-servers")).json()) as Array<
      Record<string, unknown>
    >;
    expect(listed).toEqual([
      expect.objectContaining({ identifier: emulator.audience, is_system: true }),
    ]);
    const taken = await api("POST", "/resource-servers", { identifier: emulator.audience });
    expect(taken.status).toBe(409);
  });

  it("refuses a second grant for the same client and audience", async () => {
    const { api, emulator } = setup();
    const again = await api("POST", "/client-grants", {
      client_id: clientId,
      audience: emulator.audience,
    });
    expect(again.status).toBe(409);
  });

  it("keeps one public key per device and never returns the key", async () => {
    const { api } = setup();
    const key = { device_name: "d", device_id: "dev1", type: "public_key", value: "KEY-BYTES" };
    expect((await api("POST", "/device-credentials", key)).status).toBe(201);
    expect((await api("POST", "/device-credentials", key)).status).toBe(409);
    const listed = await (await api("GET", `/device-credentials?client_id=${clientId}`)).text();
    expect(listed).toContain("dev1");
    expect(listed).not.toContain("KEY-BYTES");
  });
});

describe("tenant singletons", () => {
  it("answers 404 before an email provider exists, 409 for a second one, and never returns secrets", async () => {
    const { api, emulator } = setup();
    expect((await api("GET", "/emails/provider")).status).toBe(404);
    const provider = { name: "sendgrid", credentials: { api_key: "SG.secret-key" } };
    const created = await api("POST", "/emails/provider", provider);
    expect(created.status).toBe(201);
    expect(await created.text()).not.toContain("SG.secret-key");
    expect((await api("POST", "/emails/provider", provider)).status).toBe(409);
    expect(JSON.stringify(emulator.state.logs)).not.toContain("SG.secret-key");
  });

  it("merges tenant settings at every depth", async () => {
    const { api } = setup();
    await api("PATCH", "/tenants/settings", {
      friendly_name: "Acme",
      flags: { enable_sso: false },
    });
    const settings = await json(await api("GET", "/tenants/settings"));
    expect(settings.friendly_name).toBe("Acme");
    expect(settings.flags).toEqual({
      enable_sso: false,
      universal_login: true,
      revoke_refresh_token_grant: false,
    });
  });

  it("denylists a token once, for the calling client when no aud is given", async () => {
    const { api } = setup();
    await api("POST", "/blacklists/tokens", { jti: "j1" });
    await api("POST", "/blacklists/tokens", { jti: "j1" });
    expect(await (await api("GET", "/blacklists/tokens")).json()).toEqual([
      { aud: clientId, jti: "j1" },
    ]);
    expect((await api("POST", "/blacklists/tokens", { aud: "x" })).status).toBe(400);
  });

  it("goes back to a new tenant on reset", async () => {
    const { api, emulator } = setup();
    await api("POST", "/rules", { name: "r", script: "x" });
    await api("POST", "/emails/provider", { name: "smtp", credentials: {} });
    emulator.reset();
    expect(emulator.state.rules.size).toBe(0);
    expect(emulator.state.tenant.emailProvider).toBeUndefined();
    expect(emulator.state.clients.has(clientId)).toBe(true);
  });
});

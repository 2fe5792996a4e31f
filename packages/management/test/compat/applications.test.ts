import { describe, expect, it } from "vitest";
import { CLIENT_ID } from "../support/secrets.js";
import { compatTenant, viaCallback } from "./support.js";

function tenant() {
  const t = compatTenant();
  return { ...t, management: t.management() };
}

describe("compat: clients, connections, resource servers, rules", () => {
  it("createClient: POST /clients, also with a callback", async () => {
    const { management, emulator, lastCall } = tenant();
    const app = await management.createClient({ name: "Orders", app_type: "spa" });
    expect(lastCall()).toBe("POST /clients");
    expect(emulator.state.clients.get(app.client_id as string)?.name).toBe("Orders");
    const { error, result } = await viaCallback((cb) =>
      management.createClient({ name: "Two" }, cb),
    );
    expect([error, (result as { name?: string })?.name]).toEqual([null, "Two"]);
  });

  it("getClient: GET /clients/{id} named by client_id", async () => {
    const { management, lastCall } = tenant();
    const app = await management.getClient({ client_id: CLIENT_ID });
    expect(lastCall()).toBe(`GET /clients/${CLIENT_ID}`);
    expect(app.client_id).toBe(CLIENT_ID);
  });

  it("getClients: GET /clients, or a callback alone", async () => {
    const { management, lastCall } = tenant();
    await management.createClient({ name: "Orders" });
    const apps = (await management.getClients()) as Array<{ name: string }>;
    expect(apps.map((c) => c.name)).toEqual(["Default App", "Orders"]);
    expect(lastCall()).toBe("GET /clients");
    const { result } = await viaCallback((cb) => management.getClients(cb));
    expect(result).toHaveLength(2);
  });

  it("updateClient: PATCH /clients/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { client_id } = await management.createClient({ name: "Orders" });
    await management.updateClient({ client_id: client_id as string }, { name: "Billing" });
    expect(lastCall()).toBe(`PATCH /clients/${client_id}`);
    expect(emulator.state.clients.get(client_id as string)?.name).toBe("Billing");
  });

  it("deleteClient: DELETE /clients/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { client_id } = await management.createClient({ name: "Orders" });
    await management.deleteClient({ client_id: client_id as string });
    expect(lastCall()).toBe(`DELETE /clients/${client_id}`);
    expect(emulator.state.clients.has(client_id as string)).toBe(false);
  });

  it("createConnection: POST /connections", async () => {
    const { management, emulator, lastCall } = tenant();
    const connection = await management.createConnection({ name: "staff", strategy: "auth0" });
    expect(lastCall()).toBe("POST /connections");
    expect(emulator.state.connections.get(connection.id as string)?.name).toBe("staff");
  });

  it("getConnection: GET /connections/{id}", async () => {
    const { management, lastCall } = tenant();
    const { id } = await management.createConnection({ name: "gh", strategy: "github" });
    expect((await management.getConnection({ id: id as string })).strategy).toBe("github");
    expect(lastCall()).toBe(`GET /connections/${id}`);
  });

  it("getConnections: GET /connections with the strategy filter", async () => {
    const { management, lastQuery } = tenant();
    await management.createConnection({ name: "gh", strategy: "github" });
    const found = await management.getConnections({ strategy: ["github"] });
    expect(lastQuery()).toEqual({ strategy: "github" });
    expect((found as Array<{ name: string }>).map((c) => c.name)).toEqual(["gh"]);
  });

  it("updateConnection: PATCH /connections/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createConnection({ name: "gh", strategy: "github" });
    await management.updateConnection({ id: id as string }, { display_name: "GitHub" });
    expect(lastCall()).toBe(`PATCH /connections/${id}`);
    expect(emulator.state.connections.get(id as string)?.display_name).toBe("GitHub");
  });

  it("deleteConnection: DELETE /connections/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createConnection({ name: "gh", strategy: "github" });
    await management.deleteConnection({ id: id as string });
    expect(lastCall()).toBe(`DELETE /connections/${id}`);
    expect(emulator.state.connections.has(id as string)).toBe(false);
  });

  it("createResourceServer: POST /resource-servers", async () => {
    const { management, emulator, lastCall } = tenant();
    const api = await management.createResourceServer({
      identifier: "https://orders.example.com/",
    });
    expect(lastCall()).toBe("POST /resource-servers");
    expect(emulator.state.resourceServers.get(api.id as string)?.identifier).toBe(
      "https://orders.example.com/",
    );
  });

  it("getResourceServer: GET /resource-servers/{id}", async () => {
    const { management, lastCall } = tenant();
    const { id } = await management.createResourceServer({ identifier: "https://a.example.com/" });
    expect((await management.getResourceServer({ id: id as string })).signing_alg).toBe("RS256");
    expect(lastCall()).toBe(`GET /resource-servers/${id}`);
  });

  it("getResourceServers: GET /resource-servers lists the Management API and the new one", async () => {
    const { management, emulator, lastCall } = tenant();
    await management.createResourceServer({ identifier: "https://a.example.com/" });
    const apis = (await management.getResourceServers()) as Array<{ identifier: string }>;
    expect(lastCall()).toBe("GET /resource-servers");
    expect(apis.map((a) => a.identifier)).toEqual([emulator.audience, "https://a.example.com/"]);
  });

  it("updateResourceServer: PATCH /resource-servers/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createResourceServer({ identifier: "https://a.example.com/" });
    await management.updateResourceServer({ id: id as string }, { name: "Orders" });
    expect(lastCall()).toBe(`PATCH /resource-servers/${id}`);
    expect(emulator.state.resourceServers.get(id as string)?.name).toBe("Orders");
  });

  it("deleteResourceServer: DELETE /resource-servers/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createResourceServer({ identifier: "https://a.example.com/" });
    await management.deleteResourceServer({ id: id as string });
    expect(lastCall()).toBe(`DELETE /resource-servers/${id}`);
    expect(emulator.state.resourceServers.has(id as string)).toBe(false);
  });

  const script = "function (user, context, callback) { callback(null, user, context); }";

  it("createRules (and createRule): POST /rules", async () => {
    const { management, emulator, calls } = tenant();
    const one = await management.createRules({ name: "one", script });
    const two = await management.createRule({ name: "two", script });
    expect(calls()).toEqual(["POST /rules", "POST /rules"]);
    expect([one.order, two.order]).toEqual([1, 2]);
    expect(emulator.state.rules.size).toBe(2);
  });

  it("getRule: GET /rules/{id}", async () => {
    const { management, lastCall } = tenant();
    const { id } = await management.createRules({ name: "one", script });
    expect((await management.getRule({ id: id as string })).name).toBe("one");
    expect(lastCall()).toBe(`GET /rules/${id}`);
  });

  it("getRules: GET /rules, or a callback alone", async () => {
    const { management, lastCall } = tenant();
    await management.createRules({ name: "one", script });
    const { result } = await viaCallback((cb) => management.getRules(cb));
    expect(lastCall()).toBe("GET /rules");
    expect((result as Array<{ name: string }>).map((r) => r.name)).toEqual(["one"]);
  });

  it("updateRule: PATCH /rules/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createRules({ name: "one", script });
    await management.updateRule({ id: id as string }, { enabled: false });
    expect(lastCall()).toBe(`PATCH /rules/${id}`);
    expect(emulator.state.rules.get(id as string)?.enabled).toBe(false);
  });

  it("deleteRule: DELETE /rules/{id}", async () => {
    const { management, emulator, lastCall } = tenant();
    const { id } = await management.createRules({ name: "one", script });
    await management.deleteRule({ id: id as string });
    expect(lastCall()).toBe(`DELETE /rules/${id}`);
    expect(emulator.state.rules.size).toBe(0);
  });
});

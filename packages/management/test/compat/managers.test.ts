import { connectionIdOf } from "@auth0-edge/testing/core";
import { describe, expect, it } from "vitest";
import { CLIENT_ID } from "../support/secrets.js";
import { compatTenant, DATABASE } from "./support.js";

describe("compat: manager methods without a flat twin", () => {
  it("clientGrants: create, getAll, update and delete on /client-grants", async () => {
    const t = compatTenant();
    const { clientGrants, resourceServers } = t.management();
    await resourceServers.create({ identifier: "https://orders.example.com/" });
    const grant = await clientGrants.create({
      client_id: CLIENT_ID,
      audience: "https://orders.example.com/",
      scope: ["read:orders"],
    });
    const id = grant.id as string;
    const listed = (await clientGrants.getAll({
      audience: "https://orders.example.com/",
    })) as unknown[];
    expect(listed).toHaveLength(1);
    await clientGrants.update({ id }, { scope: ["read:orders", "write:orders"] });
    expect(t.emulator.state.clientGrants.get(id)?.scope).toEqual(["read:orders", "write:orders"]);
    await clientGrants.delete({ id });
    expect(t.calls().slice(1)).toEqual([
      "POST /client-grants",
      "GET /client-grants",
      `PATCH /client-grants/${id}`,
      `DELETE /client-grants/${id}`,
    ]);
    expect(t.emulator.state.clientGrants.has(id)).toBe(false);
  });

  it("clients.rotateClientSecret: POST /clients/{id}/rotate-secret", async () => {
    const t = compatTenant();
    const { clients } = t.management();
    const { client_id, client_secret } = await clients.create({ name: "Orders" });
    const rotated = await clients.rotateClientSecret({ client_id: client_id as string });
    expect(t.lastCall()).toBe(`POST /clients/${client_id}/rotate-secret`);
    expect(rotated.client_secret).not.toBe(client_secret);
  });

  it("jobs.errors: GET /jobs/{id}/errors lists the users an import refused", async () => {
    const t = compatTenant({ jobPollsToFinish: 1 });
    const { jobs } = t.management();
    const users = JSON.stringify([{ email: "ada@example.com" }, { email: "ada@example.com" }]);
    const job = await jobs.importUsersJob({
      connection_id: connectionIdOf(DATABASE),
      users_json: users,
    });
    await jobs.get({ id: job.id as string });
    const errors = await jobs.errors({ id: job.id as string });
    expect(t.lastCall()).toBe(`GET /jobs/${job.id}/errors`);
    expect(JSON.stringify(errors)).toContain("DUPLICATED_USER");
  });
});

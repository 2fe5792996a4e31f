import { connectionIdOf } from "@auth0-edge/testing/core";
import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../../src/index.js";
import { compatTenant, DATABASE, viaCallback } from "./support.js";

const connection_id = connectionIdOf(DATABASE);
const users = JSON.stringify([
  { email: "ada@example.com", email_verified: true },
  { email: "bob@example.com", email_verified: false },
]);

describe("compat: jobs", () => {
  it("importUsersJob: POST /jobs/users-imports uploads users_json as multipart and resolves the job", async () => {
    const t = compatTenant({ jobPollsToFinish: 1 });
    const management = t.management();
    const job = await management.importUsersJob({ connection_id, users_json: users });
    expect(t.lastCall()).toBe("POST /jobs/users-imports");
    expect([job.type, job.status, job.connection_id]).toEqual([
      "users_import",
      "pending",
      connection_id,
    ]);
    const done = await management.getJob({ id: job.id as string });
    expect(done.summary).toMatchObject({ inserted: 2, total: 2 });
    expect([...t.emulator.state.users.values()].map((u) => u.email).sort()).toEqual([
      "ada@example.com",
      "bob@example.com",
    ]);
  });

  it("importUsers: resolves the response's data, status and headers, takes the seed's connectionId, a Blob, and calls back", async () => {
    const t = compatTenant();
    const management = t.management();
    const response = await management.importUsers({
      connectionId: connection_id,
      users_json: new TextEncoder().encode(users),
    });
    expect(response.data.connection_id).toBe(connection_id);
    expect(response.status).toBe(t.emulator.requests.at(-1)?.status);
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.headers["content-type"]).toMatch(/json/);
    const { error, result } = await viaCallback((cb) =>
      management.importUsers({ connection_id, users: new Blob([users]), upsert: true }, cb),
    );
    expect(error).toBeNull();
    expect((result as { data?: { type?: string } })?.data?.type).toBe("users_import");
  });

  it("importUsers: refuses a file path, which it cannot read, before sending anything", async () => {
    const t = compatTenant();
    const attempt = t.management().importUsers({ connection_id, users: "./users.json" });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toThrow(
      /looks like a file path.*pass the file's content as `users_json`/,
    );
    expect(t.calls()).toEqual([]);
  });

  it("getJob: GET /jobs/{id}", async () => {
    const t = compatTenant();
    const management = t.management();
    const { id } = await management.importUsersJob({ connection_id, users_json: users });
    const job = await management.getJob({ id: id as string });
    expect(t.lastCall()).toBe(`GET /jobs/${id}`);
    expect(job.id).toBe(id);
    expect(job.status).toBe("processing");
  });

  it("sendEmailVerification: POST /jobs/verification-email", async () => {
    const t = compatTenant({
      seed: { users: [{ user_id: "auth0|ada", email: "ada@example.com" }] },
    });
    const job = await t.management().sendEmailVerification({ user_id: "auth0|ada" });
    expect(t.lastCall()).toBe("POST /jobs/verification-email");
    expect([job.type, job.status]).toEqual(["verification_email", "pending"]);
  });
});

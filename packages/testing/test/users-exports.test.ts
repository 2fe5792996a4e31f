import { describe, expect, it } from "vitest";
import { connectionIdOf } from "../src/core";
import { base, setup } from "./support/emulator";

async function gunzipText(response: Response): Promise<string> {
  return new Response(response.body!.pipeThrough(new DecompressionStream("gzip"))).text();
}

describe("the emulator's users exports", () => {
  const users = [
    { user_id: "auth0|1", email: "a@example.com", name: 'Ada "the first", Lovelace' },
    { user_id: "auth0|2", email: "b@example.com", name: "Line\nbreak" },
  ];

  it("reports progress while the job runs, then a signed location whose gzip CSV holds every user", async () => {
    const env = setup({ seed: { users }, jobPollsToFinish: 3 });
    const created = await env.api("POST", "/jobs/users-exports", {
      connection_id: connectionIdOf("Username-Password-Authentication"),
      format: "csv",
      fields: [{ name: "user_id" }, { name: "email", export_as: "mail" }, { name: "name" }],
    });
    expect(created.status).toBe(201);
    const job = (await created.json()) as { id: string; type: string; status: string };
    expect(job).toMatchObject({ type: "users_export", status: "pending", format: "csv" });
    const first = (await (await env.api("GET", `/jobs/${job.id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(first).toMatchObject({
      status: "processing",
      percentage_done: 33,
      time_left_seconds: 2,
    });
    await env.api("GET", `/jobs/${job.id}`);
    const done = (await (await env.api("GET", `/jobs/${job.id}`)).json()) as {
      status: string;
      location: string;
    };
    expect(done.status).toBe("completed");
    expect(done.location).toMatch(
      new RegExp(
        `^${base}/user-exports/${job.id}/tenant\\.csv\\.gz\\?Expires=\\d+&Signature=\\w+$`,
      ),
    );

    const file = await env.emulator.fetch(done.location);
    expect(file.headers.get("content-type")).toBe("application/gzip");
    expect(await gunzipText(file)).toBe(
      'user_id,mail,name\nauth0|1,a@example.com,"Ada ""the first"", Lovelace"\nauth0|2,b@example.com,"Line\nbreak"\n',
    );
  });

  it("writes one JSON user per line, and refuses a download that carries an Authorization header or a wrong signature", async () => {
    const env = setup({ seed: { users }, jobPollsToFinish: 1 });
    const created = await env.api("POST", "/jobs/users-exports", {
      format: "json",
      fields: [{ name: "email" }],
    });
    const { id } = (await created.json()) as { id: string };
    const { location } = (await (await env.api("GET", `/jobs/${id}`)).json()) as {
      location: string;
    };
    expect(await gunzipText(await env.emulator.fetch(location))).toBe(
      '{"email":"a@example.com"}\n{"email":"b@example.com"}\n',
    );
    const withToken = await env.emulator.fetch(location, {
      headers: { authorization: "Bearer x" },
    });
    expect(withToken.status).toBe(400);
    expect(await withToken.text()).toContain("Only one auth mechanism allowed");
    expect(
      (await env.emulator.fetch(location.replace(/Signature=\w+/, "Signature=forged"))).status,
    ).toBe(403);
  });
});

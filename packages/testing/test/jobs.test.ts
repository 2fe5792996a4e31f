import { describe, expect, it } from "vitest";
import { connectionIdOf } from "../src/core";
import { base, setup } from "./support/emulator";
import { loadCassette } from "./support/recordings";

const connection = "Username-Password-Authentication";
const connectionId = connectionIdOf(connection);

type Fields = Record<string, string | Blob>;

/** An emulator plus helpers to start an import and poll a job. */
function jobs(options: Parameters<typeof setup>[0] = {}) {
  const env = setup(options);
  const send = async (body: BodyInit, headers: Record<string, string> = {}) =>
    env.emulator.fetch(`${base}/api/v2/jobs/users-imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${await env.token()}`, ...headers },
      body,
    });
  const importUsers = (users: unknown, fields: Fields = {}) => {
    const form = new FormData();
    form.append("connection_id", connectionId);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const text = typeof users === "string" ? users : JSON.stringify(users);
    form.append("users", new Blob([text], { type: "application/json" }), "users.json");
    return send(form);
  };
  const started = async (users: unknown, fields: Fields = {}) => {
    const response = await importUsers(users, fields);
    expect(response.status).toBe(202);
    return (await response.json()) as { id: string; [key: string]: unknown };
  };
  const poll = async (id: string) => {
    const response = await env.api("GET", `/jobs/${id}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  return { ...env, send, importUsers, started, poll };
}

/** Swaps what differs between tenants (ids, dates) for placeholders. */
const normalize = (body: string) =>
  body
    .replace(/job_[A-Za-z0-9]{16}/g, "job_<id>")
    .replace(/con_[A-Za-z0-9]{16}/g, "con_<id>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, "<date>");

describe("users imports", () => {
  it("answers 202 with a pending users_import job", async () => {
    const { started, clock } = jobs();
    const job = await started([{ email: "ada@example.com" }], { external_id: "batch-7" });
    expect(job).toEqual({
      type: "users_import",
      status: "pending",
      connection_id: connectionId,
      external_id: "batch-7",
      connection,
      created_at: new Date(clock.now()).toISOString(),
      id: expect.stringMatching(/^job_[A-Za-z0-9]{16}$/),
    });
  });

  it("moves a job pending → processing → completed over two polls, creating the users only then", async () => {
    const { started, poll, api, emulator } = jobs();
    const job = await started([
      { email: "Ada@Example.com", email_verified: true, given_name: "Ada" },
      { email: "grace@example.com", user_id: "grace1" },
    ]);
    expect((await poll(job.id)).status).toBe("processing");
    expect(emulator.state.users.size).toBe(0);
    const done = await poll(job.id);
    expect(done.status).toBe("completed");
    expect(done.summary).toEqual({ failed: 0, updated: 0, inserted: 2, total: 2 });
    const [ada] = (await (await api("GET", "/users-by-email?email=ada@example.com")).json()) as [
      Record<string, unknown>,
    ];
    expect(ada).toMatchObject({
      email: "ada@example.com",
      email_verified: true,
      given_name: "Ada",
    });
    expect(emulator.state.users.get("auth0|grace1")?.email_verified).toBe(false);
    // A finished job stays as it is.
    expect(await poll(job.id)).toEqual(done);
    expect(emulator.state.users.size).toBe(2);
  });

  it("finishes on the poll that jobPollsToFinish names", async () => {
    for (const polls of [1, 3]) {
      const { started, poll } = jobs({ jobPollsToFinish: polls });
      const job = await started([{ email: "ada@example.com" }]);
      const seen = [];
      for (let i = 0; i < polls; i++) seen.push((await poll(job.id)).status);
      expect(seen).toEqual([...Array(polls - 1).fill("processing"), "completed"]);
    }
  });

  it("refuses an existing user without upsert and lists it at /errors", async () => {
    const { started, poll, api, createUser } = jobs({ jobPollsToFinish: 1 });
    await createUser({ email: "ada@example.com", given_name: "Old" });
    const job = await started([{ email: "ada@example.com", given_name: "New" }]);
    expect((await poll(job.id)).summary).toEqual({ failed: 1, updated: 0, inserted: 0, total: 1 });
    const response = await api("GET", `/jobs/${job.id}/errors`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual([
      {
        user: { email: "ada@example.com", given_name: "New" },
        errors: [
          {
            code: "DUPLICATED_USER",
            message: "The user already exist and upsert parameter is false",
          },
        ],
      },
    ]);
  });

  it("updates the upsertable fields of an existing user with upsert", async () => {
    const { started, poll, createUser, emulator } = jobs({ jobPollsToFinish: 1 });
    const user = await createUser({ email: "ada@example.com", username: "ada", given_name: "Old" });
    const job = await started(
      [{ email: "ada@example.com", given_name: "New", username: "other", user_metadata: { a: 1 } }],
      { upsert: "true" },
    );
    expect((await poll(job.id)).summary).toEqual({ failed: 0, updated: 1, inserted: 0, total: 1 });
    expect(emulator.state.users.get(user.user_id)).toMatchObject({
      given_name: "New",
      username: "ada",
      user_metadata: { a: 1 },
    });
  });

  it("reports invalid entries and duplicates within the file with Auth0's error codes", async () => {
    const { started, poll, api } = jobs({ jobPollsToFinish: 1 });
    const job = await started([
      { email: "ada@example.com" },
      { email: "ADA@example.com" },
      { given_name: "no email" },
      { email: "not-an-email" },
      { email: "b@example.com", blocked: "yes" },
      "a string",
    ]);
    expect((await poll(job.id)).summary).toEqual({ failed: 5, updated: 0, inserted: 1, total: 6 });
    const errors = (await (await api("GET", `/jobs/${job.id}/errors`)).json()) as Array<{
      errors: Array<{ code: string; path?: string }>;
    }>;
    expect(errors.map((e) => e.errors.map((d) => [d.code, d.path]))).toEqual([
      [["DUPLICATED_USER", undefined]],
      [["OBJECT_REQUIRED", undefined]],
      [["FORMAT", "email"]],
      [["INVALID_TYPE", "blocked"]],
      [["INVALID_TYPE", undefined]],
    ]);
  });

  it("answers /errors with 204 while running and when nothing failed", async () => {
    const { started, poll, api } = jobs();
    const job = await started([{ email: "ada@example.com" }]);
    expect((await api("GET", `/jobs/${job.id}/errors`)).status).toBe(204);
    await poll(job.id);
    await poll(job.id);
    const response = await api("GET", `/jobs/${job.id}/errors`);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe("");
  });

  it("fails the whole job for a file that is not a JSON array, and /errors returns the job", async () => {
    const { started, poll, api } = jobs({ jobPollsToFinish: 1 });
    const job = await started("{ not json");
    const done = await poll(job.id);
    expect(done).toMatchObject({ status: "failed", status_details: expect.any(String) });
    expect(done.summary).toBeUndefined();
    const errors = (await (await api("GET", `/jobs/${job.id}/errors`)).json()) as object;
    expect(errors).toMatchObject({ id: job.id, status: "failed", type: "users_import" });
  });

  it("refuses a bad upload with Auth0's 400s and creates no job", async () => {
    const { send, importUsers, emulator } = jobs();
    const without = (name: string) => {
      const form = new FormData();
      if (name !== "connection_id") form.append("connection_id", connectionId);
      if (name !== "users") form.append("users", new Blob(["[]"]), "users.json");
      return form;
    };
    const asText = new FormData();
    asText.append("connection_id", connectionId);
    asText.append("users", "[]");
    const cases: Array<[Promise<Response>, string, string?]> = [
      [send(without("users")), "Must provide 'users' file as multipart part."],
      [send(asText), "Must provide 'users' file as multipart part."],
      [importUsers(""), "Users file must not be empty."],
      [send(without("connection_id")), "Must provide 'connection_id' as multipart part."],
      [
        importUsers("[]", { upsert: "yes" }),
        "Payload validation error: 'Expected type boolean but found type string' on property upsert.",
      ],
      [
        send("{}", { "content-type": "application/json" }),
        "Payload validation error: 'Invalid multipart payload format'.",
      ],
    ];
    for (const [call, message] of cases) {
      const response = await call;
      expect(response.status, message).toBe(400);
      expect(await response.json()).toEqual({
        statusCode: 400,
        error: "Bad Request",
        message,
        errorCode: "invalid_body",
      });
    }
    expect(emulator.state.jobs.size).toBe(0);
  });

  it("refuses a malformed or unknown connection_id", async () => {
    const { send } = jobs();
    const form = (id: string) => {
      const f = new FormData();
      f.append("connection_id", id);
      f.append("users", new Blob(["[]"]), "users.json");
      return f;
    };
    expect(await (await send(form("Username-Password-Authentication"))).json()).toMatchObject({
      statusCode: 400,
      message:
        "Payload validation error: 'String does not match pattern ^con_[A-Za-z0-9]{16}$' on property connection_id.",
    });
    expect(await (await send(form("con_0000000000000000"))).json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "The connection does not exist.",
      errorCode: "inexistent_connection",
    });
  });

  it("imports into database connections only", async () => {
    const { send, emulator } = jobs();
    const id = "con_G00gleG00gleG00g";
    emulator.state.connections.set(id, { id, name: "google-oauth2", strategy: "google-oauth2" });
    const form = new FormData();
    form.append("connection_id", id);
    form.append("users", new Blob(["[]"]), "users.json");
    const response = await send(form);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      "Connection must be a database connection.",
    );
  });

  it("answers 413 for a payload over 512000 bytes", async () => {
    const { importUsers } = jobs();
    const response = await importUsers(`[${" ".repeat(512_000)}]`);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toBe(
      "Payload content length greater than maximum allowed: 512000",
    );
  });

  it("needs create:users to import", async () => {
    const { importUsers } = jobs({ scopes: ["read:users"] });
    const response = await importUsers([]);
    expect(response.status).toBe(403);
  });
});

describe("jobs", () => {
  it("answers 404 inexistent_job for an unknown job and its errors", async () => {
    const { api } = jobs();
    for (const path of ["/jobs/job_0000000000000000", "/jobs/job_0000000000000000/errors"]) {
      const response = await api("GET", path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        statusCode: 404,
        error: "Not Found",
        message: "The job does not exist.",
        errorCode: "inexistent_job",
      });
    }
  });

  it("forgets jobs on reset", async () => {
    const { started, api, emulator } = jobs();
    const job = await started([]);
    emulator.reset();
    expect((await api("GET", `/jobs/${job.id}`)).status).toBe(404);
  });

  it("sends a verification email as a job that completes", async () => {
    const { api, poll, createUser } = jobs({ jobPollsToFinish: 1 });
    const user = await createUser();
    const response = await api("POST", "/jobs/verification-email", { user_id: user.user_id });
    expect(response.status).toBe(201);
    const job = (await response.json()) as { id: string };
    expect(Object.keys(job)).toEqual(["type", "status", "created_at", "id"]);
    expect(await poll(job.id)).toMatchObject({ type: "verification_email", status: "completed" });
  });

  it("refuses a verification email for an unknown user or a foreign identity", async () => {
    const { api, createUser } = jobs();
    const unknown = await api("POST", "/jobs/verification-email", { user_id: "auth0|nobody" });
    expect(unknown.status).toBe(404);
    const user = await createUser();
    const foreign = await api("POST", "/jobs/verification-email", {
      user_id: user.user_id,
      identity: { user_id: "x", provider: "google-oauth2" },
    });
    expect(foreign.status).toBe(400);
  });

  it("refuses a jobPollsToFinish that is not a positive integer", () => {
    expect(() => setup({ jobPollsToFinish: 0 })).toThrow(TypeError);
  });
});

describe("jobs against the go-auth0 recordings", () => {
  /** Sends a recorded multipart body as Go's SDK did, with our connection id. */
  async function sendRecorded(cassette: string, env: ReturnType<typeof jobs>) {
    const interactions = loadCassette(cassette);
    const post = interactions.find((i) => i.request.url.endsWith("/jobs/users-imports"))!;
    const boundary = post.request.body.slice(2, post.request.body.indexOf("\r\n"));
    const body = post.request.body.replace(/con_[A-Za-z0-9]{16}/, connectionId);
    const response = await env.send(body, {
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    return { interactions, post, response };
  }

  it("accepts Go's recorded multipart upload and answers as recorded", async () => {
    const env = jobs({ jobPollsToFinish: 1 });
    const { interactions, post, response } = await sendRecorded(
      "TestJobManager_ImportUsers.yaml",
      env,
    );
    const text = await response.text();
    expect(response.status).toBe(post.response.code);
    expect(normalize(text)).toBe(normalize(post.response.body));
    const read = interactions.find((i) => /\/jobs\/job_\w+$/.test(i.request.url))!;
    const job = await env.api("GET", `/jobs/${JSON.parse(text).id}`);
    expect(job.status).toBe(read.response.code);
    expect(normalize(await job.text())).toBe(normalize(read.response.body));
  });

  it("lists a refused user exactly as recorded", async () => {
    const env = jobs({ jobPollsToFinish: 1 });
    await env.createUser({ email: "chuck630@example.com" });
    const { interactions, response } = await sendRecorded("TestJobManager_ReadErrors.yaml", env);
    const { id } = (await response.json()) as { id: string };
    await env.poll(id);
    const recorded = interactions.find((i) => i.request.url.endsWith("/errors"))!;
    const errors = await env.api("GET", `/jobs/${id}/errors`);
    expect(errors.status).toBe(recorded.response.code);
    expect(await errors.text()).toBe(recorded.response.body);
  });

  it("answers a verification email with the recorded shape", async () => {
    const env = jobs();
    const recorded = loadCassette("TestJobManager_VerifyEmail.yaml").find((i) =>
      i.request.url.endsWith("/jobs/verification-email"),
    )!;
    const user = await env.createUser();
    const response = await env.api("POST", "/jobs/verification-email", {
      user_id: user.user_id,
      identity: { user_id: user.user_id.slice(6), provider: "auth0" },
    });
    expect(response.status).toBe(recorded.response.code);
    expect(normalize(await response.text())).toBe(normalize(recorded.response.body));
  });
});

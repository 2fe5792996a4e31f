import { connectionIdOf } from "@auth0-edge/testing/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createManagementClient,
  InvalidInputError,
  ManagementApiError,
  request,
  TimeoutError,
} from "../src/index.js";
import { multipartBody } from "../src/multipart.js";
import { type JobOutcome, waitForJob } from "../src/wait-for-job.js";
import { emulatedTenant } from "./support/emulator.js";
import { settleWithFakeTime } from "./support/fake-time.js";
import { json, scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

const ID = "job_0123456789abcdef";
const job = (status: string, extra: Record<string, unknown> = {}) =>
  json({ type: "users_import", status, created_at: "2026-01-01T00:00:00.000Z", id: ID, ...extra });
const summary = (failed: number) => ({ failed, updated: 0, inserted: 2 - failed, total: 2 });
const refused = [
  {
    user: { email: "ada@example.com" },
    errors: [
      { code: "DUPLICATED_USER", message: "The user already exist and upsert parameter is false" },
    ],
  },
];

function clientWith(fetch: typeof globalThis.fetch) {
  return createManagementClient({ domain: DOMAIN, token: "t", fetch });
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-27T00:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("waitForJob", () => {
  it("polls at once, then after 500 ms, 1 s, 2 s, … up to maxDelayMs", async () => {
    const api = scriptedFetch([
      ...Array.from({ length: 5 }, () => job("processing")),
      job("completed", { summary: summary(0) }),
    ]);
    const wait = waitForJob(clientWith(api.fetch), ID, { maxDelayMs: 2000 });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(wait).resolves.toMatchObject({ job: { status: "completed" } });
    const gaps = api.sent.slice(1).map((r, i) => r.at - api.sent[i]!.at);
    expect(gaps).toEqual([500, 1000, 2000, 2000, 2000]);
    expect(api.sent.every((r) => r.url.pathname === `/api/v2/jobs/${ID}`)).toBe(true);
  });

  it("reports each poll's status, percentage_done and time_left_seconds to onProgress", async () => {
    const api = scriptedFetch([
      job("pending"),
      job("processing", { percentage_done: 40, time_left_seconds: 12 }),
      job("completed", { summary: summary(0) }),
    ]);
    const seen: unknown[] = [];
    const wait = waitForJob(clientWith(api.fetch), ID, { onProgress: (p) => seen.push(p) });
    await vi.advanceTimersByTimeAsync(2000);
    await wait;
    expect(seen).toEqual([
      { status: "pending", percentageDone: undefined, timeLeftSeconds: undefined, records: 0 },
      { status: "processing", percentageDone: 40, timeLeftSeconds: 12, records: 0 },
      { status: "completed", percentageDone: undefined, timeLeftSeconds: undefined, records: 0 },
    ]);
  });

  it("starts from initialDelayMs", async () => {
    const api = scriptedFetch([job("pending"), job("processing"), job("completed")]);
    const wait = waitForJob(clientWith(api.fetch), ID, { initialDelayMs: 100 });
    await vi.advanceTimersByTimeAsync(299);
    expect(api.sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(api.sent.map((r) => r.at - api.sent[0]!.at)).toEqual([0, 100, 300]);
  });

  it("returns the job and its summary without reading /errors when nothing failed", async () => {
    const api = scriptedFetch([job("completed", { summary: summary(0) })]);
    const outcome: JobOutcome = await waitForJob(clientWith(api.fetch), ID);
    expect(outcome).toEqual({
      job: expect.objectContaining({ id: ID, status: "completed" }),
      summary: summary(0),
      errors: [],
    });
    expect(api.sent).toHaveLength(1);
  });

  it("reads the refused users from /jobs/{id}/errors when some failed", async () => {
    const api = scriptedFetch([job("completed", { summary: summary(1) }), json(refused)]);
    const outcome = await waitForJob(clientWith(api.fetch), ID);
    expect(outcome.errors).toEqual(refused);
    expect(outcome.summary).toEqual(summary(1));
    expect(api.sent.map((r) => r.url.pathname)).toEqual([
      `/api/v2/jobs/${ID}`,
      `/api/v2/jobs/${ID}/errors`,
    ]);
  });

  it("reports no errors when /errors answers 204", async () => {
    const api = scriptedFetch([
      job("completed", { summary: summary(1) }),
      new Response(null, { status: 204 }),
    ]);
    expect((await waitForJob(clientWith(api.fetch), ID)).errors).toEqual([]);
  });

  it("finishes on a job that failed as a whole, with its status_details and no user errors", async () => {
    const details = { status_details: "Failed to parse users file JSON when importing users." };
    const api = scriptedFetch([job("failed", details), job("failed", details)]);
    const outcome = await waitForJob(clientWith(api.fetch), ID);
    expect(outcome.job).toMatchObject({ status: "failed", ...details });
    expect(outcome.summary).toBeUndefined();
    expect(outcome.errors).toEqual([]);
  });

  it("rejects with the signal's reason as soon as it aborts, and polls no more", async () => {
    const api = scriptedFetch([job("processing")]);
    const controller = new AbortController();
    const wait = waitForJob(clientWith(api.fetch), ID, { signal: controller.signal });
    const settled = wait.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(700);
    expect(api.sent).toHaveLength(2);
    const reason = new Error("user went away");
    controller.abort(reason);
    expect(await settled).toBe(reason);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.sent).toHaveLength(2);
  });

  it("sends nothing for a signal that is already aborted", async () => {
    const api = scriptedFetch([job("completed")]);
    const wait = waitForJob(clientWith(api.fetch), ID, { signal: AbortSignal.abort("stop") });
    await expect(wait).rejects.toBe("stop");
    expect(api.sent).toHaveLength(0);
  });

  it("rejects with TimeoutError after timeoutMs and polls no more", async () => {
    const api = scriptedFetch([job("processing")]);
    const wait = waitForJob(clientWith(api.fetch), ID, { timeoutMs: 3000 });
    const settled = wait.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    const error = await settled;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "ERR_TIMEOUT", timeoutMs: 3000 });
    expect(api.sent.map((r) => r.at - api.sent[0]!.at)).toEqual([0, 500, 1500]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(api.sent).toHaveLength(3);
  });

  it("cuts a poll that hangs at the deadline with the wait's TimeoutError", async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
      });
    const wait = waitForJob(clientWith(hanging), ID, { timeoutMs: 2000 });
    const settled = wait.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await settled;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe(`job ${ID} did not finish within 2000 ms`);
  });

  it("rejects with the API error of a poll, such as an unknown job", async () => {
    const notFound = json(
      {
        statusCode: 404,
        error: "Not Found",
        message: "The job does not exist.",
        errorCode: "inexistent_job",
      },
      404,
    );
    const api = scriptedFetch([notFound]);
    const error = await waitForJob(clientWith(api.fetch), ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error).toMatchObject({ statusCode: 404, errorCode: "inexistent_job" });
  });

  it.each([
    ["an empty id", "", {}],
    ["initialDelayMs of 0", ID, { initialDelayMs: 0 }],
    ["a negative maxDelayMs", ID, { maxDelayMs: -1 }],
    ["an infinite timeoutMs", ID, { timeoutMs: Number.POSITIVE_INFINITY }],
  ])("throws InvalidInputError for %s, sending nothing", async (_, id, options) => {
    const api = scriptedFetch([job("completed")]);
    await expect(waitForJob(clientWith(api.fetch), id, options)).rejects.toThrow(InvalidInputError);
    expect(api.sent).toHaveLength(0);
  });
});

describe("a users import against the emulator", () => {
  const connection_id = connectionIdOf("Username-Password-Authentication");

  // The first token grant generates an RSA key on a real thread: upload with real timers,
  // then wait for the job on fake ones.
  beforeEach(() => {
    vi.useRealTimers();
  });

  async function importAndWait(
    tenant: ReturnType<typeof emulatedTenant>,
    users: unknown[],
    upsert = false,
  ) {
    const client = tenant.client();
    const body = await multipartBody({ users: JSON.stringify(users), connection_id, upsert });
    const created = await request<{ id: string; status: string }>(client, {
      method: "POST",
      path: "/jobs/users-imports",
      body,
    });
    expect(created.status).toBe("pending");
    vi.useFakeTimers();
    return settleWithFakeTime(waitForJob(client, created.id), { idle: tenant.idle });
  }

  it("uploads the file, waits through the job's polls and returns its summary", async () => {
    const tenant = emulatedTenant({ jobPollsToFinish: 3 });
    const outcome = await importAndWait(tenant, [
      { email: "ada@example.com", email_verified: true },
      { email: "grace@example.com" },
    ]);
    expect(outcome.job.status).toBe("completed");
    expect(outcome.summary).toEqual({ failed: 0, updated: 0, inserted: 2, total: 2 });
    expect(outcome.errors).toEqual([]);
    const polls = tenant.emulator.requests.filter((r) => /^\/api\/v2\/jobs\/job_\w+$/.test(r.path));
    expect(polls).toHaveLength(3);
    expect([...tenant.emulator.state.users.values()].map((u) => u.email).sort()).toEqual([
      "ada@example.com",
      "grace@example.com",
    ]);
  });

  it("returns the refused users of a job with failures", async () => {
    const tenant = emulatedTenant({
      seed: { users: [{ user_id: "auth0|ada", email: "ada@example.com" }] },
    });
    const outcome = await importAndWait(tenant, [
      { email: "ada@example.com", given_name: "Ada" },
      { email: "grace@example.com" },
    ]);
    expect(outcome.summary).toEqual({ failed: 1, updated: 0, inserted: 1, total: 2 });
    expect(outcome.errors).toEqual([
      {
        user: { email: "ada@example.com", given_name: "Ada" },
        errors: [
          {
            code: "DUPLICATED_USER",
            message: "The user already exist and upsert parameter is false",
          },
        ],
      },
    ]);
  });
});

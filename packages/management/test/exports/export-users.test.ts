import { connectionIdOf } from "@auth0-edge/testing/core";
import { afterEach, describe, expect, it } from "vitest";
import { exportUsers, type JobProgress } from "../../src/entries/jobs.js";
import {
  createManagementClient,
  InvalidInputError,
  InvalidResponseError,
} from "../../src/index.js";
import { startEmulatorServer } from "../support/emulator-server.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "../support/secrets.js";

const connectionId = connectionIdOf("Username-Password-Authentication");
let server: Awaited<ReturnType<typeof startEmulatorServer>> | undefined;
afterEach(() => server?.close());

const people = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    user_id: `auth0|${String(i).padStart(6, "0")}`,
    email: `user${i}@example.com`,
    name: i % 7 === 0 ? `Doe, "Jane" ${i}\nthe second` : `User ${i}`,
  }));

async function setUp(n: number, extra: Parameters<typeof startEmulatorServer>[0] = {}) {
  server = await startEmulatorServer({ seed: { users: people(n) }, ...extra });
  const client = createManagementClient({
    domain: server.origin,
    allowInsecureLocalhost: true,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    audience: `https://${DOMAIN}/api/v2/`,
  });
  return { client, server };
}

const fields = [{ name: "user_id" }, { name: "email" }, { name: "name" }];
const fast = { allowInsecureLocalhost: true, initialDelayMs: 1, maxDelayMs: 5 };

describe("exportUsers", () => {
  it("yields every user of a 1,000-user JSON export, and the download carries no Authorization or Auth0-Client header", async () => {
    const { client, server } = await setUp(1000);
    const progress: JobProgress[] = [];
    const ids: string[] = [];
    for await (const user of exportUsers(
      client,
      { format: "json", fields },
      { ...fast, onProgress: (p) => progress.push(p) },
    )) {
      ids.push(user.user_id as string);
    }
    expect(ids).toEqual(people(1000).map((u) => u.user_id));
    const download = server.received.filter((r) => r.path.startsWith("/user-exports/"));
    expect(download).toHaveLength(1);
    expect(download[0]!.headers.authorization).toBeUndefined();
    expect(download[0]!.headers["auth0-client"]).toBeUndefined();
    // The API calls did carry both: the check above can tell.
    const api = server.received.filter((r) => r.path.startsWith("/api/v2/"));
    expect(api.every((r) => String(r.headers.authorization).startsWith("Bearer "))).toBe(true);
    expect(api.every((r) => typeof r.headers["auth0-client"] === "string")).toBe(true);
    expect(progress.slice(0, 2)).toEqual([
      { status: "processing", percentageDone: 33, timeLeftSeconds: 2, records: 0 },
      { status: "processing", percentageDone: 66, timeLeftSeconds: 1, records: 0 },
    ]);
    expect(progress.at(-1)).toEqual({
      status: "downloading",
      percentageDone: 100,
      timeLeftSeconds: 0,
      records: 1000,
    });
  });

  it("reads a CSV export by its header, quotes, commas and line breaks in fields included", async () => {
    const { client } = await setUp(50);
    const users = [];
    for await (const user of exportUsers(
      client,
      {
        connection_id: connectionId,
        format: "csv",
        fields: [...fields.slice(0, 2), { name: "name", export_as: "full_name" }],
      },
      fast,
    )) {
      users.push(user);
    }
    expect(users).toHaveLength(50);
    expect(users[7]).toEqual({
      user_id: "auth0|000007",
      email: "user7@example.com",
      full_name: 'Doe, "Jane" 7\nthe second',
    });
  });

  it("resumes a download dropped half-way with Range, yielding each user once", async () => {
    const { client, server } = await setUp(1000, { cutDownloadAfter: 4000 });
    let count = 0;
    const seen = new Set<unknown>();
    for await (const user of exportUsers(client, { format: "json", fields }, fast)) {
      count++;
      seen.add(user.user_id);
    }
    expect(count).toBe(1000);
    expect(seen.size).toBe(1000);
    const downloads = server.received.filter((r) => r.path.startsWith("/user-exports/"));
    expect(downloads.map((r) => r.headers.range)).toEqual([undefined, "bytes=4000-"]);
  });

  it("refuses a plain-http location unless allowInsecureLocalhost is set", async () => {
    const { client } = await setUp(3);
    const error = await (async () => {
      for await (const _ of exportUsers(client, { format: "json" }, { initialDelayMs: 1 })) break;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/https:\/\//);
  });

  it("follows no redirect from the storage host", async () => {
    const { server } = await setUp(3);
    const redirecting = createManagementClient({
      domain: server.origin,
      allowInsecureLocalhost: true,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      audience: `https://${DOMAIN}/api/v2/`,
      fetch: async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.includes("/user-exports/")) {
          expect(init?.redirect).toBe("manual");
          return new Response(null, {
            status: 302,
            headers: { location: "https://elsewhere.example/" },
          });
        }
        return fetch(input, init);
      },
    });
    const error = await (async () => {
      for await (const _ of exportUsers(redirecting, { format: "json" }, fast)) break;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/answered 302/);
  });
});

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManagementClient, InvalidInputError, request } from "../src/index.js";
import { multipartBody } from "../src/multipart.js";
import { scriptedFetch } from "./support/scripted-fetch.js";
import { DOMAIN } from "./support/secrets.js";

const USERS = '[{"email":"ada@example.com","email_verified":true}]';
const CONNECTION = "con_0123456789abcdef";

/** The body as a server reads it back. */
const reparse = (form: FormData) => new Response(form).formData();

function streamOf(text: string, chunkSize: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

describe("multipartBody", () => {
  it.each([
    ["a string", () => USERS],
    ["a Blob of another type", () => new Blob([USERS], { type: "text/plain" })],
    ["a File with its own name", () => new File([USERS], "export.txt", { type: "text/csv" })],
    ["a Uint8Array", () => new TextEncoder().encode(USERS)],
    ["an ArrayBuffer", () => new TextEncoder().encode(USERS).buffer],
    ["a ReadableStream read in chunks", () => streamOf(USERS, 7)],
  ])("sends %s as the file part users.json of type application/json", async (_, users) => {
    const parsed = await reparse(
      await multipartBody({ users: users(), connection_id: CONNECTION }),
    );
    const file = parsed.get("users");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("users.json");
    expect((file as File).type).toBe("application/json");
    expect(await (file as File).text()).toBe(USERS);
  });

  it("sends the other fields as text, booleans as true/false, and leaves out undefined ones", async () => {
    const form = await multipartBody({
      users: USERS,
      connection_id: CONNECTION,
      upsert: true,
      external_id: "batch-7",
      send_completion_email: false,
      unused: undefined,
    });
    const parsed = await reparse(form);
    expect([...parsed.keys()]).toEqual([
      "connection_id",
      "upsert",
      "external_id",
      "send_completion_email",
      "users",
    ]);
    expect(parsed.get("connection_id")).toBe(CONNECTION);
    expect(parsed.get("upsert")).toBe("true");
    expect(parsed.get("send_completion_email")).toBe("false");
    expect(parsed.get("external_id")).toBe("batch-7");
  });

  it.each([
    ["without users", { connection_id: CONNECTION }, /`users` is required/],
    ["without connection_id", { users: USERS }, /`connection_id` is required/],
    ["with an empty connection_id", { users: USERS, connection_id: "" }, /`connection_id`/],
    ["with users as a number", { users: 42, connection_id: CONNECTION }, /`users` must be a Blob/],
    ["with users as an object", { users: [{}], connection_id: CONNECTION }, /`users` must be/],
    [
      "with upsert as a string",
      { users: USERS, connection_id: CONNECTION, upsert: "yes" },
      /`upsert` must be a boolean/,
    ],
    [
      "with a nested extra field",
      { users: USERS, connection_id: CONNECTION, extra: {} },
      /`extra`/,
    ],
  ])("throws InvalidInputError %s", async (_, fields, message) => {
    const error = await multipartBody(fields as Record<string, unknown>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(message);
  });

  it("throws InvalidInputError for a stream someone else is reading", async () => {
    const stream = streamOf(USERS, 4);
    const reader = stream.getReader();
    await expect(multipartBody({ users: stream, connection_id: CONNECTION })).rejects.toThrow(
      InvalidInputError,
    );
    reader.releaseLock();
  });

  it("sends nothing when the input is bad", async () => {
    const api = scriptedFetch([new Response(null, { status: 202 })]);
    const client = createManagementClient({ domain: DOMAIN, token: "t", fetch: api.fetch });
    const upload = async () =>
      request(client, {
        method: "POST",
        path: "/jobs/users-imports",
        body: await multipartBody({ users: USERS }),
      });
    await expect(upload()).rejects.toThrow(InvalidInputError);
    expect(api.sent).toHaveLength(0);
  });
});

describe("the users import over a real loopback connection", () => {
  let server: Server;
  let origin: string;
  const received: Array<{ contentType: string; body: Buffer }> = [];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      received.push({
        contentType: req.headers["content-type"] ?? "",
        body: Buffer.concat(chunks),
      });
      res.writeHead(202, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "job_0123456789abcdef", status: "pending" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("arrives as multipart/form-data with the file part last, as Auth0 expects", async () => {
    const client = createManagementClient({
      domain: origin,
      allowInsecureLocalhost: true,
      token: "t",
    });
    const body = await multipartBody({
      users: streamOf(USERS, 5),
      connection_id: CONNECTION,
      upsert: false,
    });
    const job = await request(client, { method: "POST", path: "/jobs/users-imports", body });
    expect(job).toEqual({ id: "job_0123456789abcdef", status: "pending" });

    const [{ contentType, body: raw }] = received as [(typeof received)[0]];
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const text = raw.toString("utf8");
    expect(text).toContain(
      'Content-Disposition: form-data; name="users"; filename="users.json"\r\nContent-Type: application/json\r\n\r\n' +
        USERS,
    );
    expect(text.indexOf('name="connection_id"')).toBeLessThan(text.indexOf('name="users"'));
    const parsed = await new Response(new Uint8Array(raw), {
      headers: { "content-type": contentType },
    }).formData();
    expect(parsed.get("connection_id")).toBe(CONNECTION);
    expect(parsed.get("upsert")).toBe("false");
    expect(await (parsed.get("users") as File).text()).toBe(USERS);
  });
});

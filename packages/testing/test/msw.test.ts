import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuth0Emulator, createMswHandlers } from "../src/msw";
import { audience, base, clientId, clientSecret, createClock, domain } from "./support/emulator";

const clock = createClock();
const emulator = createAuth0Emulator({ domain, clientId, clientSecret, now: clock.now });
const server = setupServer(...emulator.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => emulator.reset());
afterAll(() => server.close());

async function token(): Promise<string> {
  const response = await fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      audience,
    }).toString(),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("msw handlers", () => {
  it("serve the emulator to the global fetch: grant, create and read a user", async () => {
    const headers = {
      authorization: `Bearer ${await token()}`,
      "content-type": "application/json",
    };
    const created = await fetch(`${base}/api/v2/users`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        connection: "Username-Password-Authentication",
        email: "msw@example.com",
        password: "x",
      }),
    });
    expect(created.status).toBe(201);
    const { user_id } = (await created.json()) as { user_id: string };
    const read = await fetch(`${base}/api/v2/users/${encodeURIComponent(user_id)}`, { headers });
    expect(await read.json()).toMatchObject({ user_id, email: "msw@example.com" });
    expect(emulator.tokenGrants).toBe(1);
    expect(emulator.requests.map((entry) => entry.kind)).toEqual(["token", "api", "api"]);
  });

  it("turn a network fault into a rejected fetch", async () => {
    emulator.failNext({ networkError: true, path: "/oauth/token" });
    await expect(token()).rejects.toThrow(TypeError);
  });

  it("can be built for an existing emulator with createMswHandlers", () => {
    const handlers = createMswHandlers(emulator);
    expect(handlers).toHaveLength(1);
  });
});

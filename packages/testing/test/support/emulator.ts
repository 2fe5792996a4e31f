import { createAuth0Emulator } from "../../src/core";
import type { Auth0EmulatorOptions } from "../../src/types";

export const domain = "tenant.example.auth0.com";
export const base = `https://${domain}`;
export const audience = `${base}/api/v2/`;
export const clientId = "abc";
export const clientSecret = "s3cret-value-that-must-never-leak";

/** A clock the test moves by hand; starts at 2025-01-01T00:00:00Z. */
export function createClock(start = Date.UTC(2025, 0, 1)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}

/** An emulator on a manual clock, with helpers to get a token and call the API. */
export function setup(options: Partial<Auth0EmulatorOptions> = {}) {
  const clock = createClock();
  const emulator = createAuth0Emulator({
    domain,
    clientId,
    clientSecret,
    now: clock.now,
    ...options,
  });

  async function grant(params: Record<string, string> = {}): Promise<Response> {
    return emulator.fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        audience,
        ...params,
      }),
    });
  }

  async function token(params: Record<string, string> = {}): Promise<string> {
    const response = await grant(params);
    if (response.status !== 200) throw new Error(`token grant failed: ${response.status}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  let cached: string | undefined;
  async function api(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    cached ??= await token();
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${cached}`,
        "content-type": "application/json",
        ...headers,
      },
    };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    return emulator.fetch(`${base}/api/v2${path}`, init);
  }

  async function createUser(fields: Record<string, unknown> = {}) {
    const response = await api("POST", "/users", {
      connection: "Username-Password-Authentication",
      email: `user${Math.random().toString(36).slice(2, 10)}@example.com`,
      password: "Passwords hide their chuck",
      ...fields,
    });
    if (response.status !== 201) throw new Error(`user creation failed: ${await response.text()}`);
    return (await response.json()) as { user_id: string; email: string; [key: string]: unknown };
  }

  return { emulator, clock, grant, token, api, createUser };
}

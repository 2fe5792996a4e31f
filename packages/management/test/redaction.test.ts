import { describe, expect, it } from "vitest";
import { createManagementClient, ManagementApiError, request, TokenError } from "../src/index.js";
import { privateKeyJwt } from "../src/private-key-jwt.js";
import { expectNoCanary } from "./chaos/server.js";
import { json } from "./support/scripted-fetch.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN } from "./support/secrets.js";

const TOKEN = "canary-bearer-token-3e5d7c9b";
const get = { method: "GET", path: "/users" } as const;

describe("no credential in any error, anywhere", () => {
  it("redacts a secret the token endpoint echoes in its `error` from every field, JSON included", async () => {
    const client = createManagementClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      fetch: async () =>
        json(
          { error: `invalid_client ${CLIENT_SECRET}`, error_description: `bad ${CLIENT_SECRET}` },
          401,
        ),
    });
    const error = (await request(client, get).catch((e: unknown) => e)) as TokenError;
    expect(error).toBeInstanceOf(TokenError);
    expect(error.error).toBe("invalid_client [REDACTED]");
    expect(JSON.stringify(error)).not.toContain(CLIENT_SECRET);
    expectNoCanary(error, [CLIENT_SECRET]);
  });

  it("redacts the bearer token a 400 echoes from message, body and headers", async () => {
    const client = createManagementClient({
      domain: DOMAIN,
      token: TOKEN,
      fetch: async (_input, init) => {
        const auth = new Headers(init?.headers).get("authorization") ?? "";
        return json(
          {
            statusCode: 400,
            error: "Bad Request",
            message: `bad header ${auth}`,
            echo: [{ auth }],
          },
          400,
          { "x-echo": auth },
        );
      },
    });
    const error = (await request(client, get).catch((e: unknown) => e)) as ManagementApiError;
    expect(error).toBeInstanceOf(ManagementApiError);
    expect(error.message).toContain("bad header Bearer [REDACTED]");
    expect(error.body).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "bad header Bearer [REDACTED]",
      echo: [{ auth: "Bearer [REDACTED]" }],
    });
    expect(error.headers["x-echo"]).toBe("Bearer [REDACTED]");
    expectNoCanary(error, [TOKEN]);
  });

  it("redacts every token a token function gave, and a cause that holds one", async () => {
    let n = 0;
    const tokens = ["canary-fn-token-aaaa1", "canary-fn-token-bbbb2"];
    const client = createManagementClient({
      domain: DOMAIN,
      token: () => tokens[n++ % 2]!,
      fetch: async (_input, init) => {
        const auth = new Headers(init?.headers).get("authorization") ?? "";
        throw new TypeError("fetch failed", {
          cause: new Error(`socket closed while sending ${auth}`),
        });
      },
      retry: { maxRetries: 0 },
    });
    for (let i = 0; i < 2; i++) {
      const error = await request(client, get).catch((e: unknown) => e);
      expectNoCanary(error, tokens);
    }
  });

  it("reports a private_key_jwt signing failure (a key that cannot sign) as a TokenError", async () => {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ]);
    const client = createManagementClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      // The public key of the pair: jose refuses to sign with it.
      privateKey: privateKeyJwt(pair.publicKey, { alg: "ES256" }),
      fetch: async () => json({}),
    });
    const error = await request(client, get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).code).toBe("ERR_TOKEN");
  });
});

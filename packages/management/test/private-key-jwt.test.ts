import { describe, expect, it } from "vitest";
import { ConfigurationError, createManagementClient, request, TokenError } from "../src/index.js";
import { privateKeyJwt } from "../src/private-key-jwt.js";
import { emulatedTenant } from "./support/emulator.js";
import { rejectionOf } from "./support/secrets.js";

const KEY_CLIENT = "edge-private-key-client";

async function rsaKeyPair() {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const base64 = btoa(String.fromCharCode(...der)).replace(/(.{64})/g, "$1\n");
  return {
    ...pair,
    pem: `-----BEGIN PRIVATE KEY-----\n${base64}\n-----END PRIVATE KEY-----\n`,
    base64,
  };
}

describe("private_key_jwt", () => {
  it("obtains a token with an assertion signed by a PKCS#8 PEM key", async () => {
    const keys = await rsaKeyPair();
    const tenant = emulatedTenant({
      clients: [{ clientId: KEY_CLIENT, publicKey: keys.publicKey }],
    });
    const client = tenant.client({
      clientId: KEY_CLIENT,
      clientSecret: undefined,
      privateKey: privateKeyJwt(keys.pem, { alg: "RS256" }),
    });
    await expect(request(client, { method: "GET", path: "/users" })).resolves.toEqual(
      expect.any(Array),
    );
    await request(client, { method: "GET", path: "/roles" });
    expect(tenant.emulator.tokenGrants).toBe(1);
  });

  it("signs with a CryptoKey as well", async () => {
    const keys = await rsaKeyPair();
    const tenant = emulatedTenant({
      clients: [{ clientId: KEY_CLIENT, publicKey: keys.publicKey }],
    });
    const client = tenant.client({
      clientId: KEY_CLIENT,
      clientSecret: undefined,
      privateKey: privateKeyJwt(keys.privateKey),
    });
    await expect(request(client, { method: "GET", path: "/users" })).resolves.toEqual(
      expect.any(Array),
    );
  });

  it("reports an assertion signed by the wrong key as a TokenError that shows no key material", async () => {
    const registered = await rsaKeyPair();
    const other = await rsaKeyPair();
    const tenant = emulatedTenant({
      clients: [{ clientId: KEY_CLIENT, publicKey: registered.publicKey }],
    });
    const client = tenant.client({
      clientId: KEY_CLIENT,
      clientSecret: undefined,
      privateKey: privateKeyJwt(other.pem),
    });
    const error = await rejectionOf(request(client, { method: "GET", path: "/users" }), [
      other.base64.slice(0, 64),
      other.base64.slice(-64),
    ]);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).statusCode).toBe(401);
  });

  it("reports an unreadable PEM as a TokenError on the first call, without the key", async () => {
    const tenant = emulatedTenant();
    const broken =
      "-----BEGIN PRIVATE KEY-----\nTk9UQUtFWU5PVEFLRVlOT1RBS0VZ\n-----END PRIVATE KEY-----";
    const client = tenant.client({ clientSecret: undefined, privateKey: privateKeyJwt(broken) });
    const error = await rejectionOf(request(client, { method: "GET", path: "/users" }), [
      "Tk9UQUtFWU5PVEFLRVlOT1RBS0VZ",
    ]);
    expect(error).toBeInstanceOf(TokenError);
    expect(tenant.emulator.tokenGrants).toBe(0);
  });

  it("refuses PKCS#1 keys, unknown algorithms and bad lifetimes up front", () => {
    expect(() =>
      privateKeyJwt("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"),
    ).toThrow(ConfigurationError);
    expect(() => privateKeyJwt("not a pem")).toThrow(/PKCS#8 PEM/);
    expect(() => privateKeyJwt("-----BEGIN PRIVATE KEY-----", { alg: "HS256" as never })).toThrow(
      ConfigurationError,
    );
    expect(() => privateKeyJwt("-----BEGIN PRIVATE KEY-----", { lifetimeSeconds: 301 })).toThrow(
      ConfigurationError,
    );
  });

  it("takes only a signer that privateKeyJwt() made: a look-alike with kind and sign is refused at creation", () => {
    const lookAlike = { kind: "private_key_jwt", alg: "RS256", sign: async () => "a.b.c" } as const;
    expect(() =>
      createManagementClient({ domain: "tenant.auth0.com", clientId: "id", privateKey: lookAlike }),
    ).toThrow(
      /`privateKey` must come from privateKeyJwt\(\) of @auth0-edge\/management\/private-key-jwt/,
    );
    const made = privateKeyJwt("-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----");
    expect(
      createManagementClient({ domain: "tenant.auth0.com", clientId: "id", privateKey: made })
        .domain,
    ).toBe("tenant.auth0.com");
  });

  it("does not show the key when the signer is logged", async () => {
    const { inspect } = await import("node:util");
    const keys = await rsaKeyPair();
    const signer = privateKeyJwt(keys.pem);
    expect(JSON.stringify(signer)).not.toContain(keys.base64.slice(0, 40));
    expect(inspect(signer, { showHidden: true, depth: 10 })).not.toContain(
      keys.base64.slice(0, 40),
    );
  });
});

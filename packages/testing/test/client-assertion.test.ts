import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { jwtBearerAssertionType } from "../src/core";
import type { EmulatorClient } from "../src/types";
import { audience, base, domain, setup } from "./support/emulator";

const jwtClientId = "jwt-client";
let keys: { privateKey: CryptoKey; publicKey: CryptoKey };
let otherKeys: { privateKey: CryptoKey; publicKey: CryptoKey };
let ecKeys: { privateKey: CryptoKey; publicKey: CryptoKey };

beforeAll(async () => {
  keys = await generateKeyPair("RS256", { extractable: true });
  otherKeys = await generateKeyPair("RS256");
  ecKeys = await generateKeyPair("ES256");
});

interface AssertionOptions {
  now: number;
  key?: CryptoKey;
  alg?: string;
  aud?: string;
  iss?: string;
  lifetime?: number;
  jti?: string;
}

function assertion(options: AssertionOptions): Promise<string> {
  const iat = Math.floor(options.now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg ?? "RS256" })
    .setIssuer(options.iss ?? jwtClientId)
    .setSubject(jwtClientId)
    .setAudience(options.aud ?? `https://${domain}/`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetime ?? 60))
    .setJti(options.jti ?? crypto.randomUUID())
    .sign(options.key ?? keys.privateKey);
}

function setupJwtClient(publicKey: EmulatorClient["publicKey"] = keys.publicKey) {
  const context = setup({ clients: [{ clientId: jwtClientId, publicKey }] });
  const exchange = (clientAssertion: string, extra: Record<string, string> = {}) =>
    context.emulator.fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: jwtClientId,
        client_assertion_type: jwtBearerAssertionType,
        client_assertion: clientAssertion,
        audience,
        ...extra,
      }).toString(),
    });
  return { ...context, exchange };
}

async function refusal(response: Response) {
  expect(response.status).toBe(401);
  const body = (await response.json()) as { error: string; error_description: string };
  expect(body.error).toBe("invalid_client");
  return body.error_description;
}

describe("private_key_jwt client authentication", () => {
  it("accepts an assertion signed with jose by the registered key (CryptoKey)", async () => {
    const { exchange, clock, emulator } = setupJwtClient();
    const response = await exchange(await assertion({ now: clock.now() }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { token_type: string }).token_type).toBe("Bearer");
    expect(emulator.tokenGrants).toBe(1);
  });

  it("accepts a public key registered as SPKI PEM or as a JWK, and the token endpoint as aud", async () => {
    const pem = setupJwtClient(await exportSPKI(keys.publicKey));
    expect((await pem.exchange(await assertion({ now: pem.clock.now() }))).status).toBe(200);
    const jwk = setupJwtClient(await exportJWK(keys.publicKey));
    const aud = `https://${domain}/oauth/token`;
    expect((await jwk.exchange(await assertion({ now: jwk.clock.now(), aud }))).status).toBe(200);
  });

  it("refuses a tampered assertion", async () => {
    const { exchange, clock } = setupJwtClient();
    const [header, payload, signature] = (await assertion({ now: clock.now() })).split(".");
    const claims = JSON.parse(atob(payload!.replaceAll("-", "+").replaceAll("_", "/")));
    const forged = btoa(JSON.stringify({ ...claims, exp: claims.exp + 3600 }))
      .replaceAll("=", "")
      .replaceAll("+", "-")
      .replaceAll("/", "_");
    const description = await refusal(await exchange(`${header}.${forged}.${signature}`));
    expect(description).toBe("client_assertion signature could not be verified");
  });

  it("refuses an assertion signed by another key", async () => {
    const { exchange, clock } = setupJwtClient();
    await refusal(await exchange(await assertion({ now: clock.now(), key: otherKeys.privateKey })));
  });

  it("refuses an expired assertion, judged by the injected clock", async () => {
    const { exchange, clock } = setupJwtClient();
    const signed = await assertion({ now: clock.now(), lifetime: 30 });
    clock.advance(29_000);
    expect(
      (await exchange(await assertion({ now: clock.now() - 29_000, lifetime: 30 }))).status,
    ).toBe(200);
    clock.advance(1_000);
    expect(await refusal(await exchange(signed))).toBe("client_assertion has expired");
  });

  it("refuses a replayed assertion (same jti)", async () => {
    const { exchange, clock } = setupJwtClient();
    const signed = await assertion({ now: clock.now() });
    expect((await exchange(signed)).status).toBe(200);
    expect(await refusal(await exchange(signed))).toBe(
      "client_assertion 'jti' has already been used",
    );
  });

  it("refuses a wrong audience, a wrong issuer and a lifetime over five minutes", async () => {
    const { exchange, clock } = setupJwtClient();
    const now = clock.now();
    expect(await refusal(await exchange(await assertion({ now, aud: "https://elsewhere/" })))).toBe(
      "client_assertion has an invalid 'aud' claim",
    );
    expect(await refusal(await exchange(await assertion({ now, iss: "someone" })))).toBe(
      "client_assertion has an invalid 'iss' claim",
    );
    expect(await refusal(await exchange(await assertion({ now, lifetime: 301 })))).toContain(
      "5 minutes",
    );
  });

  it("refuses an algorithm the client does not allow", async () => {
    const { exchange, clock } = setupJwtClient();
    const signed = await assertion({ now: clock.now(), alg: "ES256", key: ecKeys.privateKey });
    const description = await refusal(await exchange(signed));
    expect(description).toBe("client_assertion must be signed with one of: RS256, RS384, PS256");
  });

  it("answers 400 invalid_request for a wrong client_assertion_type", async () => {
    const { exchange, clock } = setupJwtClient();
    const response = await exchange(await assertion({ now: clock.now() }), {
      client_assertion_type: "urn:something-else",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("refuses a client secret for a client that only has a public key", async () => {
    const { emulator } = setupJwtClient();
    const response = await emulator.fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: jwtClientId,
        client_secret: "guess",
        audience,
      }),
    });
    expect(response.status).toBe(401);
  });

  it("never echoes the assertion in the answer, the logs or the request log", async () => {
    const { exchange, clock, emulator } = setupJwtClient();
    const signed = await assertion({ now: clock.now(), key: otherKeys.privateKey });
    const response = await exchange(signed);
    expect(await response.text()).not.toContain(signed);
    expect(JSON.stringify(emulator.state.logs)).not.toContain(signed);
    expect(JSON.stringify(emulator.requests)).not.toContain(signed);
  });
});

import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { audience, base, clientId, clientSecret, setup } from "./support/emulator";

function form(params: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(params).toString(),
  };
}

describe("POST /oauth/token", () => {
  it("grants a Bearer JWT with expires_in and scope for the client credentials grant (JSON body)", async () => {
    const { grant, emulator } = setup({
      tokenLifetimeSeconds: 3600,
      scopes: ["read:users", "read:logs"],
    });
    const response = await grant();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["access_token", "scope", "expires_in", "token_type"]);
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 3600,
      scope: "read:users read:logs",
    });
    expect(emulator.tokenGrants).toBe(1);
  });

  it("accepts application/x-www-form-urlencoded bodies", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(
      `${base}/oauth/token`,
      form({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        audience,
      }),
    );
    expect(response.status).toBe(200);
  });

  it("accepts client_secret_basic (credentials in the Authorization header)", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(`${base}/oauth/token`, {
      ...form({ grant_type: "client_credentials", audience }),
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      },
    });
    expect(response.status).toBe(200);
  });

  it("issues an RS256 token shaped like Auth0's, verifiable with the served JWKS", async () => {
    const { token, emulator, clock } = setup({ tokenLifetimeSeconds: 600 });
    const jwt = await token();
    const jwks = (await (await emulator.fetch(`${base}/.well-known/jwks.json`)).json()) as {
      keys: Array<Record<string, string>>;
    };
    const header = decodeProtectedHeader(jwt);
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    const key = jwks.keys.find((candidate) => candidate.kid === header.kid)!;
    expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    const { payload } = await jwtVerify(jwt, await importJWK(key, "RS256"), {
      issuer: `${base}/`,
      audience,
      currentDate: new Date(clock.now()),
    });
    expect(payload).toMatchObject({
      sub: `${clientId}@clients`,
      azp: clientId,
      gty: "client-credentials",
    });
    expect(payload.exp! - payload.iat!).toBe(600);
    expect(payload.iat).toBe(clock.now() / 1000);
  });

  it("narrows the granted scopes to the requested ones", async () => {
    const { grant } = setup();
    const body = (await (await grant({ scope: "read:users read:roles" })).json()) as {
      scope: string;
    };
    expect(body.scope).toBe("read:users read:roles");
  });

  it("refuses scopes the client was not granted with 403 access_denied", async () => {
    const { grant } = setup({ scopes: ["read:users"] });
    const response = await grant({ scope: "read:users delete:users" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "access_denied",
      error_description: "Client has not been granted scopes: delete:users",
    });
  });

  it("answers 401 access_denied Unauthorized for a wrong secret", async () => {
    const { grant, emulator } = setup();
    const response = await grant({ client_secret: "wrong" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "access_denied",
      error_description: "Unauthorized",
    });
    expect(emulator.tokenGrants).toBe(0);
  });

  it("answers 401 access_denied Unauthorized for an unknown client and for no credentials", async () => {
    const { grant } = setup();
    expect((await grant({ client_id: "nobody" })).status).toBe(401);
    const { emulator } = setup();
    const response = await emulator.fetch(
      `${base}/oauth/token`,
      form({ grant_type: "client_credentials", audience }),
    );
    expect(response.status).toBe(401);
  });

  it("answers 403 'Service not enabled within domain' for an unknown audience", async () => {
    const { grant } = setup();
    const response = await grant({ audience: "https://api.example.com/" });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "access_denied",
      error_description: "Service not enabled within domain: https://api.example.com/",
    });
  });

  it("answers 403 when no audience is sent, as a tenant without a default audience does", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(
      `${base}/oauth/token`,
      form({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: "access_denied",
      error_description:
        "No audience parameter was provided, and no default audience has been configured",
    });
  });

  it("answers 400 invalid_request without grant_type", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(`${base}/oauth/token`, form({ client_id: clientId }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_request",
      error_description: "Missing required parameter: grant_type",
    });
  });

  it("answers 400 unsupported_grant_type for an unknown grant and 403 unauthorized_client for another OAuth grant", async () => {
    const { grant } = setup();
    const unknown = await grant({ grant_type: "magic" });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: "unsupported_grant_type",
      error_description: "Unsupported grant type: magic",
    });
    const password = await grant({ grant_type: "password" });
    expect(password.status).toBe(403);
    expect(((await password.json()) as { error: string }).error).toBe("unauthorized_client");
  });

  it("answers 404 to other methods on /oauth/token", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(`${base}/oauth/token`);
    expect(response.status).toBe(404);
  });

  it("writes a seccft log event for a grant and feccft for a refusal, without the secret", async () => {
    const { grant, emulator } = setup();
    await grant();
    await grant({ client_secret: "wrong-secret-attempt" });
    const [success, failure] = emulator.state.logs;
    expect(success).toMatchObject({ type: "seccft", client_id: clientId, audience });
    expect(failure).toMatchObject({
      type: "feccft",
      description: "Unauthorized",
      client_id: clientId,
    });
    const serialized = JSON.stringify(emulator.state.logs);
    expect(serialized).not.toContain(clientSecret);
    expect(serialized).not.toContain("wrong-secret-attempt");
  });

  it("issues tokens whose exp follows the injected clock", async () => {
    const { token, clock } = setup({ tokenLifetimeSeconds: 60 });
    clock.set(Date.UTC(2030, 5, 1));
    const payload = decodeJwt(await token());
    expect(payload.exp).toBe(Date.UTC(2030, 5, 1) / 1000 + 60);
  });
});

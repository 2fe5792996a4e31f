import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { audience, base, setup } from "./support/emulator";

const usersUrl = `${base}/api/v2/users`;
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("Management API authentication", () => {
  it("answers 401 Missing authentication without an Authorization header", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(usersUrl);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: "Unauthorized",
      message: "Missing authentication",
    });
  });

  it("treats another scheme as missing authentication", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(usersUrl, { headers: { authorization: "Basic YTpi" } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { message: string }).message).toBe("Missing authentication");
  });

  it("answers 400 'Bad HTTP authentication header format' for a bearer that is not a JWT", async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(usersUrl, bearer("opaque-token"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Bad HTTP authentication header format",
      errorCode: "Bearer",
    });
  });

  it("answers 401 Invalid token with attributes for a JWT it did not sign", async () => {
    const { emulator, clock } = setup();
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ scope: "read:users" })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(`${base}/`)
      .setAudience(audience)
      .setExpirationTime(clock.now() / 1000 + 60)
      .sign(privateKey);
    const response = await emulator.fetch(usersUrl, bearer(forged));
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer error="Invalid token"');
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: "Unauthorized",
      message: "Invalid token",
      attributes: { error: "Invalid token" },
    });
  });

  it("refuses a token issued by another emulator of the same tenant", async () => {
    const first = setup();
    const second = setup();
    const response = await second.emulator.fetch(usersUrl, bearer(await first.token()));
    expect(response.status).toBe(401);
  });

  it("answers 401 Expired token once the injected clock passes exp", async () => {
    const { emulator, clock, token } = setup({ tokenLifetimeSeconds: 60 });
    const jwt = await token();
    clock.advance(59_000);
    expect((await emulator.fetch(usersUrl, bearer(jwt))).status).toBe(200);
    clock.advance(1_000);
    const response = await emulator.fetch(usersUrl, bearer(jwt));
    expect(response.status).toBe(401);
    const message = "Expired token received for JSON Web Token validation";
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: "Unauthorized",
      message,
      attributes: { error: message },
    });
  });

  it("refuses every token issued before revokeIssuedTokens(), and accepts a fresh grant", async () => {
    const { emulator, token } = setup();
    const old = await token();
    emulator.revokeIssuedTokens();
    expect((await emulator.fetch(usersUrl, bearer(old))).status).toBe(401);
    const fresh = await token();
    expect((await emulator.fetch(usersUrl, bearer(fresh))).status).toBe(200);
    expect(emulator.tokenGrants).toBe(2);
  });

  it("keeps issued tokens valid across reset()", async () => {
    const { emulator, token } = setup();
    const jwt = await token();
    emulator.reset();
    expect((await emulator.fetch(usersUrl, bearer(jwt))).status).toBe(200);
    expect(emulator.tokenGrants).toBe(0);
  });

  it("answers 403 insufficient_scope when the token lacks the route's scopes", async () => {
    const { emulator, token } = setup();
    const jwt = await token({ scope: "read:logs" });
    const response = await emulator.fetch(usersUrl, bearer(jwt));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      statusCode: 403,
      error: "Forbidden",
      message: "Insufficient scope, expected any of: read:users",
      errorCode: "insufficient_scope",
    });
  });

  it("answers 404 Not Found for unknown routes and wrong methods, before checking the token", async () => {
    const { emulator, api } = setup();
    const notFound = { statusCode: 404, error: "Not Found", message: "Not Found" };
    const unknown = await emulator.fetch(`${base}/api/v2/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual(notFound);
    const wrongMethod = await api("PUT", "/users");
    expect(wrongMethod.status).toBe(404);
    expect(await wrongMethod.json()).toEqual(notFound);
    expect((await emulator.fetch(`${base}/somewhere`)).status).toBe(404);
  });

  it("answers 400 'Invalid request payload JSON format' for a body that does not parse", async () => {
    const { api } = setup();
    const response = await api("POST", "/users", "{not json");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      statusCode: 400,
      error: "Bad Request",
      message: "Invalid request payload JSON format",
    });
  });

  it("sends x-auth0-requestid on every answer", async () => {
    const { emulator, api } = setup();
    const ids = new Set<string | null>();
    ids.add((await api("GET", "/users")).headers.get("x-auth0-requestid"));
    ids.add((await emulator.fetch(usersUrl)).headers.get("x-auth0-requestid"));
    ids.add(
      (await emulator.fetch(`${base}/oauth/token`, { method: "POST" })).headers.get(
        "x-auth0-requestid",
      ),
    );
    expect(ids.size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{20}$/);
  });

  it("rejects requests for other hosts with a TypeError, like a failed fetch", async () => {
    const { emulator } = setup();
    await expect(emulator.fetch("https://other.example.com/api/v2/users")).rejects.toThrow(
      TypeError,
    );
  });

  it("rejects at once when the request's signal is already aborted", async () => {
    const { emulator } = setup();
    const reason = new DOMException("stop", "AbortError");
    await expect(emulator.fetch(usersUrl, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
  });
});

import { describe, expect, it } from "vitest";
import { ConfigurationError, createManagementClient, ManagementError } from "../src/index.js";
import { privateKeyJwt } from "../src/private-key-jwt.js";
import { shareTokenCache } from "../src/token-cache-kit/index.js";
import { CLIENT_ID, CLIENT_SECRET, DOMAIN, expectNoSecrets } from "./support/secrets.js";

const credentials = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };

function configurationErrorOf(make: () => unknown): ConfigurationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expectNoSecrets(error);
    return error as ConfigurationError;
  }
  throw new Error("expected a ConfigurationError");
}

describe("createManagementClient", () => {
  it.each([
    "evil.com/x",
    "a@b.com",
    "https://x",
    "https://tenant.auth0.com",
    "tenant.auth0.com:8443",
    "tenant.auth0.com\r\nX-Evil: 1",
    "tenant.auth0.com/",
    "tenant.auth0.com?x=1",
    "tenant .auth0.com",
    "localhost",
    "http://localhost:8080",
    "",
  ])("refuses the domain %j", (domain) => {
    const error = configurationErrorOf(() => createManagementClient({ domain, ...credentials }));
    expect(error.code).toBe("ERR_CONFIGURATION");
    expect(error.message).toContain("domain");
  });

  it("accepts a bare host name and derives the API base and audience from it", () => {
    const client = createManagementClient({ domain: "My-Tenant.EU.auth0.com", ...credentials });
    expect(client.domain).toBe("my-tenant.eu.auth0.com");
    expect(client.apiBase).toBe("https://my-tenant.eu.auth0.com/api/v2");
    expect(client.audience).toBe("https://my-tenant.eu.auth0.com/api/v2/");
  });

  it("allows http://localhost and 127.0.0.1 only when explicitly asked to", () => {
    const client = createManagementClient({
      domain: "http://127.0.0.1:8787",
      token: "t",
      allowInsecureLocalhost: true,
    });
    expect(client.apiBase).toBe("http://127.0.0.1:8787/api/v2");
    configurationErrorOf(() =>
      createManagementClient({
        domain: "http://10.0.0.1",
        token: "t",
        allowInsecureLocalhost: true,
      }),
    );
  });

  it("takes a local origin without a port or with one up to 65535, and its host as the domain", () => {
    const local = (domain: string) =>
      createManagementClient({ domain, token: "t", allowInsecureLocalhost: true });
    expect(local("http://localhost").domain).toBe("localhost");
    expect(local("http://localhost:65535").apiBase).toBe("http://localhost:65535/api/v2");
    expect(local("http://127.0.0.1:8787").domain).toBe("127.0.0.1:8787");
    configurationErrorOf(() => local("http://localhost:65536"));
    configurationErrorOf(() => local("http://127.0.0.1:99999"));
  });

  it("needs exactly one way to authenticate", () => {
    configurationErrorOf(() => createManagementClient({ domain: DOMAIN } as never));
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, token: "t", ...credentials } as never),
    );
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, clientId: CLIENT_ID } as never),
    );
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, clientSecret: CLIENT_SECRET } as never),
    );
    configurationErrorOf(() => createManagementClient({ domain: DOMAIN, token: "" }));
  });

  it("refuses a raw private key and says how to make a signer, without echoing the key", () => {
    const pem =
      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw\n-----END PRIVATE KEY-----";
    const error = configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, clientId: CLIENT_ID, privateKey: pem as never }),
    );
    expect(error.message).toContain("privateKeyJwt");
    expect(error.message).not.toContain("MIIEvQ");
    const client = createManagementClient({
      domain: DOMAIN,
      clientId: CLIENT_ID,
      privateKey: privateKeyJwt(pem),
    });
    expect(client.domain).toBe(DOMAIN);
  });

  it("refuses unknown options, bad numbers and a cache without the cache methods", () => {
    expect(
      configurationErrorOf(() =>
        createManagementClient({ domain: DOMAIN, ...credentials, clientSecrett: "x" } as never),
      ).message,
    ).toContain("clientSecrett");
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, retry: { maxRetries: -1 } }),
    );
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, retry: { maxRetries: 1.5 } }),
    );
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, timeoutMs: 0 }),
    );
    configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, tokenCache: {} as never }),
    );
    configurationErrorOf(() =>
      createManagementClient({
        domain: DOMAIN,
        ...credentials,
        middleware: [{ middleware: (_c, n) => n(), before: "nope" as never }],
      }),
    );
  });

  it("keeps the secret out of JSON and inspection of the client", async () => {
    const { inspect } = await import("node:util");
    const client = createManagementClient({ domain: DOMAIN, ...credentials });
    expect(JSON.stringify(client)).not.toContain(CLIENT_SECRET);
    expect(inspect(client, { showHidden: true, depth: 10 })).not.toContain(CLIENT_SECRET);
  });

  it("throws errors that are ManagementErrors with a code", () => {
    const error = configurationErrorOf(() =>
      createManagementClient({ domain: "a@b.com", ...credentials }),
    );
    expect(error).toBeInstanceOf(ManagementError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ConfigurationError");
  });
});

describe("tokenCache", () => {
  const plain = () => ({ get: () => undefined, set: () => {}, delete: () => {} });

  it("refuses a cache that did not go through shareTokenCache, and names the way", () => {
    const error = configurationErrorOf(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, tokenCache: plain() }),
    );
    expect(error.message).toBe(
      "`tokenCache` must come from shareTokenCache() of @auth0-edge/management/token-cache",
    );
  });

  it("takes the same cache once shareTokenCache marked it, and keeps the object", () => {
    const cache = plain();
    expect(shareTokenCache(cache)).toBe(cache);
    expect(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, tokenCache: cache }),
    ).not.toThrow();
    // A copy keeps the mark, and coordinates through the copy's own methods.
    expect(() =>
      createManagementClient({ domain: DOMAIN, ...credentials, tokenCache: { ...cache } }),
    ).not.toThrow();
  });

  it("shareTokenCache refuses an object without get, set and delete", () => {
    expect(() => shareTokenCache({ get: () => undefined } as never)).toThrow(
      new ConfigurationError("`tokenCache` must have get, set and delete methods"),
    );
  });
});

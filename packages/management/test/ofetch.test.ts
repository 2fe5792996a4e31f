import { createAuth0Emulator } from "@auth0-edge/testing/core";
import { ofetch } from "ofetch";
import { describe, expect, it } from "vitest";
import { createUser, getUser } from "../src/generated/users.js";
import { createManagementClient, ManagementApiError, NetworkError, request } from "../src/index.js";
import { ofetchTransport } from "../src/ofetch.js";

const domain = "ofetch-tenant.example.auth0.com";
const clientId = "ofetch-client";
const clientSecret = "ofetch-secret-never-shown";

function tenant() {
  const emulator = createAuth0Emulator({ domain, clientId, clientSecret });
  const seen: string[] = [];
  const $fetch = ofetch.create(
    {
      // The app's own interceptors: they must see every request the client sends.
      onRequest: ({ options }) => {
        seen.push(`request ${options.method}`);
      },
      onResponse: ({ response }) => {
        seen.push(`response ${response.status}`);
      },
    },
    { fetch: emulator.fetch },
  );
  const client = createManagementClient({
    domain,
    clientId,
    clientSecret,
    fetch: ofetchTransport($fetch),
    retry: { baseDelayMs: 1 },
  });
  return { emulator, client, seen };
}

describe("the ofetch transport", () => {
  it("sends every attempt through the instance's hooks, and only the client retries", async () => {
    const { emulator, client, seen } = tenant();
    emulator.failNext({ status: 503, path: "/api/v2/stats/active-users" });
    await expect(request(client, { method: "GET", path: "/stats/active-users" })).resolves.toBe(0);
    // token grant, the 503, its one retry by the client (ofetch would have retried a GET 503 too).
    expect(seen).toEqual([
      "request POST",
      "response 200",
      "request GET",
      "response 503",
      "request GET",
      "response 200",
    ]);
    expect(emulator.requests.filter((r) => r.kind === "api").map((r) => r.status)).toEqual([
      503, 200,
    ]);
  });

  it("leaves error statuses to the client: a 404 is a ManagementApiError, not ofetch's FetchError", async () => {
    const { client } = tenant();
    const error = await getUser(client, { id: "auth0|nobody" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManagementApiError);
    expect((error as ManagementApiError).errorCode).toBe("inexistent_user");
  });

  it("sends the body exactly as the client encoded it", async () => {
    const { emulator, client } = tenant();
    const created = await createUser(client, {
      body: {
        connection: "Username-Password-Authentication",
        email: "ada@example.com",
        password: "Str0ng!pass-phrase",
      },
    });
    expect(created.email).toBe("ada@example.com");
    expect([...emulator.state.users.values()].map((u) => u.email)).toEqual(["ada@example.com"]);
  });

  it("hands back the runtime's network failure, so the client reports a NetworkError naming it", async () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), {
      code: "ECONNREFUSED",
    });
    const failing = ofetch.create(
      {},
      {
        fetch: () => Promise.reject(new TypeError("fetch failed", { cause })),
      },
    );
    const client = createManagementClient({
      domain,
      token: "a-static-token",
      fetch: ofetchTransport(failing),
      retry: { maxRetries: 0 },
    });
    const error = await request(client, { method: "GET", path: "/users" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain("ECONNREFUSED 127.0.0.1:9");
  });

  it("keeps the client's redirect rule: ofetch is told not to follow one", async () => {
    let redirect: unknown;
    const spy = ofetch.create(
      {},
      {
        fetch: async (_input, init) => {
          redirect = init?.redirect;
          return new Response(JSON.stringify([]), {
            headers: { "content-type": "application/json" },
          });
        },
      },
    );
    const client = createManagementClient({
      domain,
      token: "a-static-token",
      fetch: ofetchTransport(spy),
    });
    await request(client, { method: "GET", path: "/users" });
    expect(redirect).toBe("manual");
  });
});

// What every runtime's test server shares: the emulated tenant, the app wired to it, and two
// test-only routes that show the emulator's state (the app itself has no such route).
import { createAuth0Emulator } from "@auth0-edge/testing";
import { createAdminApp } from "../../src/app.js";
import { isolateClient } from "../../src/client.js";

export const settings = {
  AUTH0_DOMAIN: "hono-admin.example.auth0.com",
  AUTH0_CLIENT_ID: "hono-admin-client",
  AUTH0_CLIENT_SECRET: "s3cr3t-example-hono-DO-NOT-LEAK",
  ADMIN_API_TOKEN: "hono-admin-token-0123456789abcdef0123",
};

export function testServer(): (request: Request) => Promise<Response> {
  const emulator = createAuth0Emulator({
    domain: settings.AUTH0_DOMAIN,
    clientId: settings.AUTH0_CLIENT_ID,
    clientSecret: settings.AUTH0_CLIENT_SECRET,
    seed: {
      users: ["ada", "grace", "linus"].map((name) => ({ email: `${name}@example.com`, name })),
      roles: [{ name: "support", description: "Support staff" }],
      logs: 6,
    },
  });
  const app = createAdminApp({
    settings: () => settings,
    client: isolateClient({ fetch: emulator.fetch }),
  });
  return async (request) => {
    if (new URL(request.url).pathname === "/__test/state") {
      return Response.json({
        tokenGrants: emulator.tokenGrants,
        roleIds: [...emulator.state.roles.keys()],
        userIds: [...emulator.state.users.keys()],
      });
    }
    return app.fetch(request);
  };
}

// The Auth0 emulator as a Worker of its own, for `wrangler dev --env emulator`: the admin
// Worker reaches it through a service binding instead of the network, so the whole app runs
// locally under wrangler, with no tenant. Created at module scope: @auth0-edge/testing builds
// its tenant on the first request, when workerd allows randomness.
import { createAuth0Emulator } from "@auth0-edge/testing";

const emulator = createAuth0Emulator({
  domain: "dev-tenant.example.auth0.com",
  clientId: "example-worker-dev",
  // The emulator's own made-up credential; wrangler.toml's [env.emulator] vars use it.
  clientSecret: "emulator-only-secret-not-a-real-credential",
  seed: {
    users: ["ada", "grace", "linus"].map((name) => ({
      email: `${name}@example.com`,
      name: name[0]!.toUpperCase() + name.slice(1),
    })),
    roles: [{ name: "support", description: "Support staff" }],
    logs: 5,
  },
});

export default {
  fetch: (request: Request): Promise<Response> => emulator.fetch(request),
};

// A Worker that creates the emulator at module scope, as a user's test Worker would, and
// imports the package's published main entry (the test bundles it from dist/).
import { createAuth0Emulator } from "@auth0-edge/testing";

const emulator = createAuth0Emulator({
  domain: "tenant.example.auth0.com",
  clientId: "module-scope-client",
  clientSecret: "module-scope-secret-7c1e",
  seed: { users: [{ user_id: "auth0|ada", email: "ada@example.com" }] },
});

export default {
  async fetch(): Promise<Response> {
    const grant = await emulator.fetch("https://tenant.example.auth0.com/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: "module-scope-client",
        client_secret: "module-scope-secret-7c1e",
        audience: emulator.audience,
      }),
    });
    const { access_token } = (await grant.json()) as { access_token: string };
    const user = await emulator.fetch("https://tenant.example.auth0.com/api/v2/users/auth0%7Cada", {
      headers: { authorization: `Bearer ${access_token}` },
    });
    return Response.json({
      grantStatus: grant.status,
      userStatus: user.status,
      user: await user.json(),
      grants: emulator.tokenGrants,
    });
  },
};

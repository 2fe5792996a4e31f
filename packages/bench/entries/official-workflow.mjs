// A Worker that creates a user, assigns roles and reads logs with the official package.
import { ManagementClient } from "auth0";

export default {
  async fetch(_request, env) {
    const client = new ManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const user = await client.users.create({
      connection: "Username-Password-Authentication",
      email: "new@example.com",
      password: "correct horse battery",
    });
    await client.users.roles.assign(user.user_id, { roles: ["rol_1"] });
    const logs = await client.logs.list({ q: `user_id:"${user.user_id}"` });
    return Response.json({ user, logs: logs.data });
  },
};

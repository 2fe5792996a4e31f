// A Worker that creates a user, assigns roles and reads logs.
import { createManagementClient } from "@auth0-edge/management";
import { listLogs } from "@auth0-edge/management/logs";
import { assignUserRoles, createUser } from "@auth0-edge/management/users";

export default {
  async fetch(_request, env) {
    const client = createManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const user = await createUser(client, {
      connection: "Username-Password-Authentication",
      email: "new@example.com",
      password: "correct horse battery",
    });
    await assignUserRoles(client, { id: user.user_id, roles: ["rol_1"] });
    const logs = await listLogs(client, { take: 100, q: `user_id:"${user.user_id}"` });
    return Response.json({ user, logs });
  },
};

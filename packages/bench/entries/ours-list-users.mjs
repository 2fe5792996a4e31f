// A Worker that lists every user with listUsers.all.
import { createManagementClient } from "@auth0-edge/management";
import { listUsers } from "@auth0-edge/management/users";

export default {
  async fetch(_request, env) {
    const client = createManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    let count = 0;
    for await (const _user of listUsers.all(client)) count++;
    return Response.json(count);
  },
};

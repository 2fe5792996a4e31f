// A Worker that lists every user with the official package's paged iterator.
import { ManagementClient } from "auth0";

export default {
  async fetch(_request, env) {
    const client = new ManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    let count = 0;
    for await (const _user of await client.users.list({ per_page: 100 })) count++;
    return Response.json(count);
  },
};

// A Worker that reads one user with the official package's ManagementClient.
import { ManagementClient } from "auth0";

export default {
  async fetch(request, env) {
    const client = new ManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const id = new URL(request.url).searchParams.get("id") ?? "";
    return Response.json(await client.users.get(id));
  },
};

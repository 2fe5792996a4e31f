// The classic shape with the official package: its ManagementClient with every manager.
import { ManagementClient } from "auth0";

export default {
  async fetch(request, env) {
    const management = new ManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const id = new URL(request.url).searchParams.get("id") ?? "";
    return Response.json(await management.users.get(id));
  },
};

// A Worker written against the classic ManagementClient, on @auth0-edge/management/compat.
import { ManagementClient } from "@auth0-edge/management/compat";

export default {
  async fetch(request, env) {
    const management = new ManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const id = new URL(request.url).searchParams.get("id") ?? "";
    return Response.json(await management.users.get({ id }));
  },
};

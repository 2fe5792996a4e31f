// A Worker that reads one user with getUser (the entry of bundle-operations.test.ts).
import { createManagementClient } from "@auth0-edge/management";
import { getUser } from "@auth0-edge/management/users";

export default {
  async fetch(request, env) {
    const client = createManagementClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const id = new URL(request.url).searchParams.get("id") ?? "";
    return Response.json(await getUser(client, { id }));
  },
};

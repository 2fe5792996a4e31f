// main.ts: deno run --allow-net --allow-env main.ts (and Deno Deploy as it is)
import { createManagementClient } from "@auth0-edge/management";
import { listUsersByEmail } from "@auth0-edge/management/users";

const client = createManagementClient({
  domain: Deno.env.get("AUTH0_DOMAIN")!,
  clientId: Deno.env.get("AUTH0_CLIENT_ID")!,
  clientSecret: Deno.env.get("AUTH0_CLIENT_SECRET")!,
});

Deno.serve(async (request) => {
  const email = new URL(request.url).searchParams.get("email") ?? "";
  return Response.json(await listUsersByEmail(client, { email }));
});

// app/api/users/route.ts
import { createManagementClient } from "@auth0-edge/management";
import { listUsersByEmail } from "@auth0-edge/management/users";

export const runtime = "edge";

const client = createManagementClient({
  domain: process.env.AUTH0_DOMAIN!,
  clientId: process.env.AUTH0_CLIENT_ID!,
  clientSecret: process.env.AUTH0_CLIENT_SECRET!,
});

export async function GET(request: Request): Promise<Response> {
  const email = new URL(request.url).searchParams.get("email") ?? "";
  return Response.json(await listUsersByEmail(client, { email }));
}

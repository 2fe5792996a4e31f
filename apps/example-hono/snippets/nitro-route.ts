// server/api/users.get.ts
import { createManagementClient } from "@auth0-edge/management";
import { listUsersByEmail } from "@auth0-edge/management/users";
import { defineHandler, getQuery } from "h3";

const client = createManagementClient({
  domain: process.env.AUTH0_DOMAIN!,
  clientId: process.env.AUTH0_CLIENT_ID!,
  clientSecret: process.env.AUTH0_CLIENT_SECRET!,
});

export default defineHandler(async (event) => {
  const { email } = getQuery<{ email?: string }>(event);
  return listUsersByEmail(client, { email: email ?? "" });
});

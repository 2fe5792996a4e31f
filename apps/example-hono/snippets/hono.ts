import { createManagementClient } from "@auth0-edge/management";
import { listUsersByEmail } from "@auth0-edge/management/users";
import { Hono } from "hono";

type Env = { AUTH0_DOMAIN: string; AUTH0_CLIENT_ID: string; AUTH0_CLIENT_SECRET: string };
let client: ReturnType<typeof createManagementClient> | undefined; // one per isolate

const app = new Hono<{ Bindings: Env }>();
app.get("/users", async (c) => {
  client ??= createManagementClient({
    domain: c.env.AUTH0_DOMAIN,
    clientId: c.env.AUTH0_CLIENT_ID,
    clientSecret: c.env.AUTH0_CLIENT_SECRET,
  });
  return c.json(await listUsersByEmail(client, { email: c.req.query("email") ?? "" }));
});

export default app;

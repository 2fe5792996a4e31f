// Node: `node dist/node.js`, settings from the environment, the token in memory.
import { serve } from "@hono/node-server";
import { createAdminApp } from "./app.js";
import { isolateClient } from "./client.js";

const app = createAdminApp({ settings: () => process.env, client: isolateClient() });
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000) });

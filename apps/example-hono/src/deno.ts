// Deno and Deno Deploy: `deno run --allow-net --allow-env src/deno.ts`.
import { createAdminApp } from "./app.js";
import { isolateClient } from "./client.js";

const app = createAdminApp({ settings: () => Deno.env.toObject(), client: isolateClient() });
Deno.serve({ port: Number(Deno.env.get("PORT") ?? 8000) }, app.fetch);

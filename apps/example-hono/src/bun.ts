// Bun: `bun src/bun.ts`. Bun serves a module whose default export has `fetch` and `port`.
import { createAdminApp } from "./app.js";
import { isolateClient } from "./client.js";

const app = createAdminApp({ settings: () => process.env, client: isolateClient() });

export default { port: Number(process.env.PORT ?? 3000), fetch: app.fetch };

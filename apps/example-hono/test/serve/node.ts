import { serve } from "@hono/node-server";
import { testServer } from "./tenant.js";

serve({ fetch: testServer(), port: 0, hostname: "127.0.0.1" }, (info) => {
  console.log(`@@listening ${info.port}`);
});

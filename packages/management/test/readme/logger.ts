import { createManagementClient } from "@auth0-edge/management";
import { logTo } from "@auth0-edge/management/logger";

const client = createManagementClient({
  domain: "my-tenant.eu.auth0.com",
  clientId: "YOUR_CLIENT_ID",
  clientSecret: "YOUR_CLIENT_SECRET",
  observer: logTo(console),
});

// console.info("auth0-edge token grant", { operation: "POST /oauth/token", status: 200, … })
// console.warn("auth0-edge attempt", { operation: "GET /api/v2/users/{id}", status: 429, attempt: 1, … })
// console.debug("auth0-edge attempt", { operation: "GET /api/v2/users/{id}", status: 200, attempt: 2, waitedMs: 1000, rateLimitRemaining: 49, … })
export { client };

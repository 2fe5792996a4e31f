import { createManagementClient } from "@auth0-edge/management";
import { exportUsers } from "@auth0-edge/management/jobs";

const client = createManagementClient({
  domain: "my-tenant.eu.auth0.com",
  clientId: "YOUR_CLIENT_ID",
  clientSecret: "YOUR_CLIENT_SECRET",
});

let count = 0;
for await (const user of exportUsers(
  client,
  {
    connection_id: "con_0000000000000001",
    format: "json",
    fields: [
      { name: "user_id" },
      { name: "email" },
      { name: "app_metadata.plan", export_as: "plan" },
    ],
  },
  {
    onProgress: ({ status, percentageDone, timeLeftSeconds, records }) =>
      console.log(status, percentageDone ?? "", timeLeftSeconds ?? "", records),
    timeoutMs: 30 * 60_000, // how long the job may take
  },
)) {
  count++;
  if (user.plan === "enterprise") console.log(user.user_id, user.email);
}
console.log(`${count} users`);

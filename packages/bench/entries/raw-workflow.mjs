// A Worker that creates a user, assigns roles and reads logs with a hand-written fetch.
import { rawClient } from "../src/raw.mjs";

export default {
  async fetch(_request, env) {
    const api = rawClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const user = await api("POST", "/users", {
      connection: "Username-Password-Authentication",
      email: "new@example.com",
      password: "correct horse battery",
    });
    await api("POST", `/users/${encodeURIComponent(user.user_id)}/roles`, { roles: ["rol_1"] });
    const logs = await api(
      "GET",
      `/logs?take=100&q=${encodeURIComponent(`user_id:"${user.user_id}"`)}`,
    );
    return Response.json({ user, logs });
  },
};

// A Worker that reads one user with a hand-written fetch.
import { rawClient } from "../src/raw.mjs";

export default {
  async fetch(request, env) {
    const api = rawClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const id = new URL(request.url).searchParams.get("id") ?? "";
    return Response.json(await api("GET", `/users/${encodeURIComponent(id)}`));
  },
};

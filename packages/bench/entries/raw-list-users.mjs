// A Worker that lists every user with a hand-written fetch (offset pages of 100).
import { rawClient } from "../src/raw.mjs";

export default {
  async fetch(_request, env) {
    const api = rawClient({
      domain: env.AUTH0_DOMAIN,
      clientId: env.AUTH0_CLIENT_ID,
      clientSecret: env.AUTH0_CLIENT_SECRET,
    });
    const users = [];
    for (let page = 0; ; page++) {
      const answer = await api("GET", `/users?page=${page}&per_page=100&include_totals=true`);
      users.push(...answer.users);
      if (answer.users.length < 100 || users.length >= answer.total) break;
    }
    return Response.json(users.length);
  },
};

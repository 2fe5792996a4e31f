// The empty Worker that cold starts are measured against.
export default {
  fetch: () => new Response("{}", { headers: { "content-type": "application/json" } }),
};

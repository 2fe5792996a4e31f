import { testServer } from "./tenant.js";

// At module scope, as a Worker would keep its app: nothing here makes randomness or I/O
// before the first request (workerd forbids both at that point).
const serve = testServer();

export default {
  fetch: (request: Request): Promise<Response> => serve(request),
};

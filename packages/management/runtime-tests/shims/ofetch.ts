// The suite on Node with every client sending through an ofetch instance (the opt-in transport).
import { ofetchTransport } from "@auth0-edge/management/ofetch";
import { ofetch } from "ofetch";
import { runCases } from "../suite.js";

const results = await runCases({
  transport: (fetch) => ofetchTransport(ofetch.create({}, { fetch })),
});
console.log(`@@results ${JSON.stringify(results)}`);

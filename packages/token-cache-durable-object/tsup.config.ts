import { packageBuild } from "../tsup.shared";

// `cloudflare:workers` is the Workers runtime's own module: it stays an import for the
// user's bundler (wrangler) to leave to workerd.
export default packageBuild(["src/index.ts"], {
  external: ["cloudflare:workers"],
  tsconfig: "tsconfig.build.json",
});

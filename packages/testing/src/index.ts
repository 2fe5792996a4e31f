/**
 * `@auth0-edge/testing`: the Auth0 emulator. It loads on every runtime (workerd without
 * compatibility flags included) and bundles for a neutral platform: msw, which cannot load
 * in workerd, lives in `@auth0-edge/testing/msw`, and is an optional peer dependency.
 *
 * @packageDocumentation
 */
export * from "./core";

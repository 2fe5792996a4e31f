import { describe, expect, it } from "vitest";
import { compileQuery, QuerySyntaxError } from "../src/query";

const alice = {
  email: "alice@example.com",
  name: "Alice Liddell",
  email_verified: true,
  logins_count: 3,
  identities: [{ connection: "db", provider: "auth0" }],
  app_metadata: { plan: "pro", tags: ["a", "b"] },
};

const matches = (q: string, record: unknown = alice) => compileQuery(q)(record);

describe("the q parser", () => {
  it('matches field:value and field:"quoted value", ignoring case', () => {
    expect(matches("email:alice@example.com")).toBe(true);
    expect(matches('name:"alice liddell"')).toBe(true);
    expect(matches('name:"Alice"')).toBe(false);
  });

  it("matches a trailing * as a prefix", () => {
    expect(matches("name:Ali*")).toBe(true);
    expect(matches("email:bob*")).toBe(false);
  });

  it("compares booleans and numbers by their text", () => {
    expect(matches("email_verified:true")).toBe(true);
    expect(matches("logins_count:3")).toBe(true);
  });

  it("follows dotted paths through objects and arrays", () => {
    expect(matches("identities.connection:db")).toBe(true);
    expect(matches("app_metadata.tags:b")).toBe(true);
    expect(matches("app_metadata.plan:free")).toBe(false);
  });

  it("gives AND precedence over OR, and OR between juxtaposed terms", () => {
    expect(matches("email:x* OR name:alice* AND app_metadata.plan:pro")).toBe(true);
    expect(matches("(email:x* OR name:alice*) AND app_metadata.plan:free")).toBe(false);
    expect(matches("email:x* name:alice*")).toBe(true);
  });

  it("negates with NOT and tests presence with _exists_", () => {
    expect(matches("NOT email:alice*")).toBe(false);
    expect(matches("_exists_:app_metadata.plan")).toBe(true);
    expect(matches("_exists_:user_metadata")).toBe(false);
    expect(matches("name:alice* NOT email:alice*")).toBe(false);
    expect(matches("name:alice* NOT email:bob*")).toBe(true);
  });

  it("matches everything for an empty query", () => {
    expect(matches("   ")).toBe(true);
  });

  it.each(["email", "email:", 'name:"open', "(email:a", "email:a)", "count:[1 TO 2]", "name:a*b*"])(
    "throws QuerySyntaxError for %j",
    (q) => {
      expect(() => compileQuery(q)).toThrow(QuerySyntaxError);
    },
  );
});

import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../src/errors.js";
import { createCsvParser } from "../../src/exports/csv.js";

function parseAll(text: string, chunkSize = text.length || 1): string[][] {
  const parser = createCsvParser(10_000);
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += chunkSize)
    out.push(...parser.push(text.slice(i, i + chunkSize)));
  return [...out, ...parser.end()];
}

const tricky =
  "user_id,name,note\r\n" +
  'auth0|1,"Lovelace, Ada","said ""hello"""\r\n' +
  'auth0|2,"two\nlines","a\r\nb"\n' +
  'auth0|3,,""\n' +
  "\n" +
  'auth0|4,plain "inner" quote,last';

const expected = [
  ["user_id", "name", "note"],
  ["auth0|1", "Lovelace, Ada", 'said "hello"'],
  ["auth0|2", "two\nlines", "a\r\nb"],
  ["auth0|3", "", ""],
  ["auth0|4", 'plain "inner" quote', "last"],
];

describe("the CSV parser", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, empty fields, CRLF and a last line without a break", () => {
    expect(parseAll(tricky)).toEqual(expected);
  });

  it("gives the same records whatever the chunks, one character at a time included", () => {
    for (const size of [1, 2, 3, 5, 7, 11]) expect(parseAll(tricky, size)).toEqual(expected);
  });

  it("ends a record on a lone CR as well", () => {
    expect(parseAll("a,b\rc,d\r")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("refuses a file that ends inside a quoted field", () => {
    expect(() => parseAll('a,"open\n')).toThrow(InvalidResponseError);
  });

  it("refuses a record longer than its limit, so memory stays bounded", () => {
    const parser = createCsvParser(10);
    expect(() => parser.push(`"${"x".repeat(20)}`)).toThrow(/exceeds 10 characters/);
  });
});

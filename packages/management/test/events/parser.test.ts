import { describe, expect, it } from "vitest";
import { InvalidResponseError } from "../../src/errors.js";
import { createEventParser } from "../../src/events/parser.js";

const parse = (...chunks: string[]) => {
  const parser = createEventParser(1000);
  return { events: chunks.flatMap((chunk) => parser.push(chunk)), state: parser.state };
};

describe("the event-stream parser", () => {
  it("dispatches an event on a blank line, with its id, name, JSON data and retry", () => {
    const { events, state } = parse('id: 7\nevent: user.created\nretry: 2500\ndata: {"a":1}\n\n');
    expect(events).toEqual([{ id: "7", event: "user.created", data: { a: 1 }, retry: 2500 }]);
    expect(state).toEqual({ lastEventId: "7", retry: 2500 });
  });

  it("joins data lines with \\n, keeps text that is not JSON and names an unnamed event message", () => {
    expect(parse("data: one\ndata:two\ndata\n\n").events).toEqual([
      { id: undefined, event: "message", data: "one\ntwo\n", retry: undefined },
    ]);
    expect(parse("data: {not json\n\n").events[0]!.data).toBe("{not json");
  });

  it("accepts CRLF, LF and CR line ends, a CRLF split across chunks included", () => {
    const { events } = parse("data: a\r", "\n\r", "\ndata: b\rdata: c\r\r");
    expect(events.map((e) => e.data)).toEqual(["a", "b\nc"]);
  });

  it("waits for the rest of a line or an event split across chunks", () => {
    const parser = createEventParser(1000);
    expect(parser.push("da")).toEqual([]);
    expect(parser.push("ta: 4")).toEqual([]);
    expect(parser.push("2\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([
      { id: undefined, event: "message", data: 42, retry: undefined },
    ]);
  });

  it("ignores comments, unknown fields, a retry that is not digits and an id with NUL", () => {
    const { events, state } = parse(": keep-alive\nfoo: bar\nretry: soon\nid: a\0b\ndata: x\n\n");
    expect(events).toEqual([{ id: undefined, event: "message", data: "x", retry: undefined }]);
    expect(state.retry).toBeUndefined();
  });

  it("dispatches nothing for an event without data, but keeps its id for a reconnection", () => {
    const { events, state } = parse("id: 9\nevent: ping\n\n");
    expect(events).toEqual([]);
    expect(state.lastEventId).toBe("9");
  });

  it("does not take the id of an event that is not complete yet", () => {
    const { state } = parse("id: 1\ndata: a\n\nid: 2\ndata: b\n");
    expect(state.lastEventId).toBe("1");
  });

  it("refuses an event longer than its limit, so memory stays bounded", () => {
    const parser = createEventParser(10);
    expect(() => parser.push(`data: ${"x".repeat(20)}`)).toThrow(InvalidResponseError);
    const lines = createEventParser(10);
    lines.push("data: 12345\n");
    expect(() => lines.push("data: 67890\n")).toThrow(/exceeds 10 characters/);
  });
});

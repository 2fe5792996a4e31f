import { InvalidResponseError } from "../errors.js";

/** Splits text chunks into lines (LF or CRLF), holding only the one line not yet ended. */
export function createLineSplitter(maxLineChars: number) {
  let rest = "";
  return {
    push(chunk: string): string[] {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      if (rest.length > maxLineChars) {
        throw new InvalidResponseError(`a line of the file exceeds ${maxLineChars} characters`);
      }
      return parts.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
    },
    end(): string[] {
      return rest === "" ? [] : [rest];
    },
  };
}

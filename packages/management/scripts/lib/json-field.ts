/**
 * Replaces the value of one top-level field of a JSON document in its text, leaving every
 * other byte as it was: the generator owns `exports` of package.json and jsr.json, and
 * nothing else of those hand-written files.
 */

/** Where the value of the top-level `field` starts and ends in `text`. */
function valueSpan(text: string, field: string): [number, number] {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const key = text.slice(i, end + 1);
      i = end;
      if (
        depth === 1 &&
        start < 0 &&
        JSON.parse(key) === field &&
        /^\s*:/.test(text.slice(i + 1))
      ) {
        start = text.indexOf(":", i) + 1;
        while (/\s/.test(text[start]!)) start++;
        if (text[start] === '"') continue;
      }
      continue;
    }
    if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (start >= 0 && depth === 1) return [start, i + 1];
    }
  }
  throw new Error(`no top-level "${field}" object in the document`);
}

/** `text` with the top-level `field` set to `value` (an object, written with two-space indents). */
export function replaceJsonField(text: string, field: string, value: unknown): string {
  const [start, end] = valueSpan(text, field);
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const indent = /^\s*/.exec(text.slice(lineStart))![0];
  const written = JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
  return text.slice(0, start) + written + text.slice(end);
}

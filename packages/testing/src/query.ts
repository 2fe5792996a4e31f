/**
 * The subset of Lucene syntax that Auth0's user and log search accepts and that tests
 * need: `field:value`, `field:"quoted value"`, a trailing `*` wildcard, `_exists_:field`,
 * `AND`, `OR`, `NOT` (`a NOT b` is `a AND NOT b`), parentheses, and implicit `OR` between
 * terms (Lucene's default).
 * Fields may be dotted (`identities.connection`, `app_metadata.plan`); arrays match when
 * any element matches. Comparison ignores case, as Auth0's search does for emails.
 */

type Node =
  | { kind: "term"; field: string; value: string; prefix: boolean }
  | { kind: "exists"; field: string }
  | { kind: "not"; inner: Node }
  | { kind: "and" | "or"; left: Node; right: Node };

/** Thrown for a query outside the supported subset. */
export class QuerySyntaxError extends Error {
  override name = "QuerySyntaxError";
}

type Token = { type: "word" | "quoted" | "(" | ")" | ":"; text: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === "(" || char === ")" || char === ":") {
      tokens.push({ type: char, text: char });
      i++;
    } else if (char === '"') {
      let text = "";
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === "\\" && i + 1 < input.length) i++;
        text += input[i];
        i++;
      }
      if (i >= input.length) throw new QuerySyntaxError("Unterminated quoted value");
      i++;
      tokens.push({ type: "quoted", text });
    } else {
      let text = "";
      while (i < input.length && !/[\s():"]/.test(input[i]!)) {
        if (input[i] === "\\" && i + 1 < input.length) i++;
        text += input[i];
        i++;
      }
      tokens.push({ type: "word", text });
    }
  }
  return tokens;
}

function parse(tokens: Token[]): Node {
  let position = 0;
  const peek = () => tokens[position];
  const isKeyword = (word: string) => peek()?.type === "word" && peek()?.text === word;

  const primary = (): Node => {
    const token = tokens[position++];
    if (token === undefined) throw new QuerySyntaxError("Unexpected end of query");
    if (token.type === "(") {
      const inner = or();
      if (tokens[position++]?.type !== ")") throw new QuerySyntaxError("Missing )");
      return inner;
    }
    if (token.type !== "word" || tokens[position]?.type !== ":") {
      throw new QuerySyntaxError(`Expected field:value near '${token.text}'`);
    }
    position++;
    const value = tokens[position++];
    if (value === undefined || (value.type !== "word" && value.type !== "quoted")) {
      throw new QuerySyntaxError(`Missing value for field '${token.text}'`);
    }
    if (value.type === "word" && /[[\]{}~^]/.test(value.text)) {
      throw new QuerySyntaxError(`Unsupported query syntax '${value.text}'`);
    }
    if (token.text === "_exists_") return { kind: "exists", field: value.text };
    const prefix = value.type === "word" && value.text.endsWith("*");
    const text = prefix ? value.text.slice(0, -1) : value.text;
    if (value.type === "word" && text.includes("*")) {
      throw new QuerySyntaxError("Only a trailing * wildcard is supported");
    }
    return { kind: "term", field: token.text, value: text, prefix };
  };
  const unary = (): Node => {
    if (isKeyword("NOT")) {
      position++;
      return { kind: "not", inner: unary() };
    }
    return primary();
  };
  const and = (): Node => {
    let left = unary();
    // Lucene reads `a NOT b` as "a and not b", so a bare NOT also continues the AND chain.
    while (isKeyword("AND") || isKeyword("NOT")) {
      if (isKeyword("AND")) position++;
      left = { kind: "and", left, right: unary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek() !== undefined && peek()?.type !== ")") {
      if (isKeyword("OR")) position++;
      left = { kind: "or", left, right: and() };
    }
    return left;
  };

  const tree = or();
  if (position < tokens.length) throw new QuerySyntaxError("Unbalanced )");
  return tree;
}

function valuesAt(record: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(record) ? record : [record];
  if (Array.isArray(record)) return record.flatMap((item) => valuesAt(item, path));
  if (typeof record !== "object" || record === null) return [];
  const [head, ...rest] = path;
  return valuesAt((record as Record<string, unknown>)[head!], rest);
}

function evaluate(node: Node, record: unknown): boolean {
  switch (node.kind) {
    case "and":
      return evaluate(node.left, record) && evaluate(node.right, record);
    case "or":
      return evaluate(node.left, record) || evaluate(node.right, record);
    case "not":
      return !evaluate(node.inner, record);
    case "exists":
      return valuesAt(record, node.field.split(".")).some((v) => v !== undefined && v !== null);
    case "term": {
      const wanted = node.value.toLowerCase();
      return valuesAt(record, node.field.split(".")).some((value) => {
        if (value === undefined || value === null || typeof value === "object") return false;
        const actual = String(value).toLowerCase();
        return node.prefix ? actual.startsWith(wanted) : actual === wanted;
      });
    }
  }
}

/**
 * Compiles a query into a predicate; throws {@link QuerySyntaxError} outside the subset.
 *
 * @example
 * ```ts
 * const matches = compileQuery('email:"a@b.c" AND app_metadata.plan:pro');
 * users.filter(matches);
 * ```
 */
export function compileQuery(query: string): (record: unknown) => boolean {
  const tokens = tokenize(query);
  if (tokens.length === 0) return () => true;
  const tree = parse(tokens);
  return (record) => evaluate(tree, record);
}

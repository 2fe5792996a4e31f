/**
 * The named types: every schema of the document as its own declaration (an `interface`
 * where it is an object), and per operation an `…Input` and a `…Result`, split so that a
 * resource group's declarations reference only what that group uses.
 *
 * openapi-typescript turns the document into one `components` and one `operations`
 * interface; this takes its output apart: `components["schemas"]["User"]` becomes `User`,
 * each schema is placed in the module of the only group that uses it or in `shared.ts`
 * when several do, and the operations' parameter and body types become flat input
 * interfaces. A schema used by two groups is reachable from both, and so is everything it
 * references: shared schemas only ever reference shared schemas.
 */
import openapiTS, { astToString, stringToAST } from "openapi-typescript";
import ts from "typescript";
import type { Operation } from "./document.js";

type Json = Record<string, unknown>;

/** What an upload field of a multipart body accepts (`contentMediaType: application/octet-stream`). */
const UPLOAD_TYPE = "Blob | string | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>";
export const SHARED_MODULE = "shared";

/** The type names of one operation, from its function name (`getUser` → `GetUserInput`). */
export function typeNames(functionName: string) {
  const base = functionName.charAt(0).toUpperCase() + functionName.slice(1);
  return { input: `${base}Input`, result: `${base}Result`, page: `${base}Page` };
}

/** How a generated function is typed, for the module emitter. */
export interface OperationTyping {
  input: string;
  result: string;
  /** For an offset list that takes `include_totals`: the page object and the plain array answers. */
  totals?: { page: string; array: string };
  /** For a list: the type of one item. */
  item?: string;
  /** Every input key by where it goes, for the path-typed `request`. */
  keys: { path: string[]; query: string[]; header: string[] };
}

export interface SchemaTypes {
  /** Module name (`users`, `shared`) → source of `src/generated/types/<module>.ts`, unformatted. */
  modules: Map<string, string>;
  /** Group module → the shared schemas it uses (re-exported from its subpath). */
  sharedUsed: Map<string, string[]>;
  /** Group module → the schemas of its own module. */
  ownSchemas: Map<string, string[]>;
  /** operationId → its types. */
  typing: Map<string, OperationTyping>;
}

/**
 * A copy of the document with what the functions' types do not use removed (error
 * answers: they become `ManagementApiError`), and a request body marked required
 * when its schema requires a property, so `body` is required in the input type.
 */
function trimmed(document: Json, operations: Operation[]): Json {
  const copy = structuredClone(document);
  const byId = new Map(operations.map((op) => [op.id, op]));
  for (const item of Object.values(copy.paths as Json)) {
    for (const op of Object.values(item as Json)) {
      const operation = op as Json;
      const known = byId.get(operation.operationId as string);
      if (!known) continue;
      const responses = operation.responses as Json;
      for (const code of Object.keys(responses)) if (!/^2\d\d$/.test(code)) delete responses[code];
      if (known.body?.required && operation.requestBody) {
        operation.requestBody = { ...(operation.requestBody as Json), required: true };
      }
    }
  }
  delete (copy.components as Json).responses;
  return copy;
}

const nameOf = (node: { name?: ts.PropertyName }) =>
  node.name &&
  (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isNumericLiteral(node.name))
    ? node.name.text
    : "";

function membersOf(node: ts.TypeNode | undefined): ts.TypeElement[] {
  return node && ts.isTypeLiteralNode(node) ? [...node.members] : [];
}

function member(node: ts.TypeNode | undefined, name: string): ts.PropertySignature | undefined {
  return membersOf(node).find(
    (m): m is ts.PropertySignature => ts.isPropertySignature(m) && nameOf(m) === name,
  );
}

/** `components["schemas"]["X"]` → `X`. */
function schemaReference(node: ts.Node): string | undefined {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isLiteralTypeNode(node.indexType)) return undefined;
  const outer = node.objectType;
  if (!ts.isIndexedAccessTypeNode(outer)) return undefined;
  const root = outer.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName)) return undefined;
  if (root.typeName.text !== "components") return undefined;
  const index = outer.indexType;
  if (!ts.isLiteralTypeNode(index) || !ts.isStringLiteral(index.literal)) return undefined;
  if (index.literal.text !== "schemas") return undefined;
  return ts.isStringLiteral(node.indexType.literal) ? node.indexType.literal.text : undefined;
}

/** The node with every schema reference made a plain type name; `found` collects the names. */
function named<T extends ts.Node>(node: T, found: Set<string>): T {
  const visit = (n: ts.Node): ts.Node => {
    const ref = schemaReference(n);
    if (ref !== undefined) {
      found.add(ref);
      return ts.factory.createTypeReferenceNode(ref);
    }
    return ts.visitEachChild(n, visit, undefined);
  };
  return ts.visitNode(node, visit) as T;
}

function withComments<T extends ts.Node>(node: T, from: ts.Node): T {
  const comments = ts.getSyntheticLeadingComments(from);
  if (comments) ts.setSyntheticLeadingComments(node, comments);
  return node;
}

const EXPORT = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];

/**
 * An object schema as an `interface` (whose name hovers and declaration emit show), also
 * where openapi-typescript writes `{ …properties } & { [key: string]: unknown }` for
 * `additionalProperties`: an interface holds both.
 */
function declaration(name: string, type: ts.TypeNode): ts.Statement {
  const parts = ts.isIntersectionTypeNode(type) ? [...type.types] : [type];
  if (parts.every(ts.isTypeLiteralNode)) {
    const members = parts.flatMap((part) => [...part.members]);
    const names = members.filter((m) => !ts.isIndexSignatureDeclaration(m)).map((m) => nameOf(m));
    const indexes = members.filter(ts.isIndexSignatureDeclaration).length;
    if (new Set(names).size === names.length && indexes <= 1) {
      return ts.factory.createInterfaceDeclaration(EXPORT, name, undefined, undefined, members);
    }
  }
  return ts.factory.createTypeAliasDeclaration(EXPORT, name, undefined, type);
}

const print = (nodes: ts.Node[]) =>
  astToString(nodes)
    // A comment's first paragraph is its description already: openapi-typescript's leading
    // `@description` tag adds 13 bytes to 6,000 declarations of the published types.
    .replace(/\/\*\* @description /g, "/** ")
    .replace(/(\/\*\*\n\s*\* )@description /g, "$1");

function comment(text: string): string {
  return `/** ${text.replace(/\*\//g, "*\\/")} */`;
}

export async function schemaTypes(
  document: Json,
  operations: Operation[],
  names: Map<string, string>,
  modules: Map<string, string>,
): Promise<SchemaTypes> {
  const [uploadType] = stringToAST(`type T = ${UPLOAD_TYPE};`) as ts.TypeAliasDeclaration[];
  const nodes = (await openapiTS(trimmed(document, operations) as never, {
    // A default is what the server fills in: it does not make a request field required.
    defaultNonNullable: false,
    silent: true,
    transform(schema) {
      if ((schema as Json).contentMediaType === "application/octet-stream") return uploadType!.type;
      return undefined;
    },
  })) as ts.Node[];
  const top = (name: string) =>
    nodes.find(
      (n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === name,
    );
  const components = top("components");
  const operationTypes = top("operations");
  if (!components || !operationTypes)
    throw new Error("openapi-typescript gave no components or operations");
  const schemasNode = components.members.find(
    (m): m is ts.PropertySignature => ts.isPropertySignature(m) && nameOf(m) === "schemas",
  );

  // Every schema, renamed references and all, with the schemas it references.
  const schemas = new Map<string, { node: ts.Statement; refs: Set<string> }>();
  for (const m of membersOf(schemasNode?.type)) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = nameOf(m);
    if (!/^[A-Za-z_$][\w$]*$/.test(name))
      throw new Error(`schema name "${name}" is not an identifier`);
    const refs = new Set<string>();
    schemas.set(name, { node: withComments(declaration(name, named(m.type, refs)), m), refs });
  }
  const schemaNode = (name: string) => {
    const statement = schemas.get(name)?.node;
    if (!statement) return undefined;
    return ts.isTypeAliasDeclaration(statement) ? statement.type : undefined;
  };

  /**
   * `name` for `type`: an interface extending the schema where `type` names an object
   * schema, so that hovers and declaration emit say `GetUserResult`; else an alias.
   */
  const alias = (name: string, type: ts.TypeNode): ts.Statement => {
    const ref =
      ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)
        ? type.typeName.text
        : undefined;
    const target = ref ? schemas.get(ref)?.node : undefined;
    if (ref && target && ts.isInterfaceDeclaration(target)) {
      const heritage = ts.factory.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [
        ts.factory.createExpressionWithTypeArguments(ts.factory.createIdentifier(ref), undefined),
      ]);
      return ts.factory.createInterfaceDeclaration(EXPORT, name, undefined, [heritage], []);
    }
    return ts.factory.createTypeAliasDeclaration(EXPORT, name, undefined, type);
  };

  const byOperation = new Map(
    operationTypes.members.filter(ts.isPropertySignature).map((m) => [nameOf(m), m.type]),
  );
  const typing = new Map<string, OperationTyping>();
  const perModule = new Map<string, ts.Node[]>();
  const usedBy = new Map<string, Set<string>>();
  const moduleRefs = new Map<string, Set<string>>();

  for (const op of operations) {
    const type = byOperation.get(op.id);
    if (!type) throw new Error(`openapi-typescript gave no types for ${op.id}`);
    const module = modules.get(op.id)!;
    const refs = moduleRefs.get(module) ?? new Set<string>();
    moduleRefs.set(module, refs);
    const out = perModule.get(module) ?? [];
    perModule.set(module, out);
    const typeName = typeNames(names.get(op.id)!);

    // The input: path, query and header parameters by their API names, and `body`.
    const parameters = member(type, "parameters")?.type;
    const inputMembers: ts.TypeElement[] = [];
    const keys: OperationTyping["keys"] = { path: [], query: [], header: [] };
    for (const where of ["path", "query", "header"] as const) {
      for (const m of membersOf(member(parameters, where)?.type)) {
        inputMembers.push(named(m, refs));
        keys[where].push(nameOf(m as ts.PropertySignature));
      }
    }
    if (op.body) {
      const content = member(member(type, "requestBody")?.type, "content")?.type;
      const media = member(
        content,
        op.body.kind === "json" ? "application/json" : "multipart/form-data",
      );
      if (!media?.type) throw new Error(`${op.id}: no request body type`);
      const body = ts.factory.createPropertySignature(
        undefined,
        "body",
        op.body.required ? undefined : ts.factory.createToken(ts.SyntaxKind.QuestionToken),
        named(media.type, refs),
      );
      inputMembers.push(
        ts.addSyntheticLeadingComment(
          body,
          ts.SyntaxKind.MultiLineCommentTrivia,
          "* The request body. ",
          true,
        ),
      );
    }
    const inputDoc = `What {@link ${names.get(op.id)}} takes: \`${op.method} ${op.path}\`'s parameters by their API names${op.body ? ", and the request body as `body`" : ""}.`;
    const input =
      inputMembers.length === 0
        ? ts.factory.createTypeAliasDeclaration(
            EXPORT,
            typeName.input,
            undefined,
            ts.factory.createTypeReferenceNode("Record", [
              ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword),
              ts.factory.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword),
            ]),
          )
        : ts.factory.createInterfaceDeclaration(
            EXPORT,
            typeName.input,
            undefined,
            undefined,
            inputMembers,
          );
    ts.addSyntheticLeadingComment(
      input,
      ts.SyntaxKind.MultiLineCommentTrivia,
      `* ${inputDoc} `,
      true,
    );
    out.push(input);

    // The result: the parsed body of each 2xx answer, `undefined` for one without a body.
    const results: ts.TypeNode[] = [];
    const seen = new Set<string>();
    for (const answer of membersOf(member(type, "responses")?.type)) {
      if (!ts.isPropertySignature(answer)) continue;
      const content = member(answer.type, "content");
      // An event stream's schema is what each event's data holds: the hand-written reader
      // (src/events) yields those, so the type names them rather than `string`.
      const json =
        member(content?.type, "application/json") ?? member(content?.type, "text/event-stream");
      const result =
        !content?.type || content.type.kind === ts.SyntaxKind.NeverKeyword
          ? ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)
          : json?.type
            ? named(json.type, refs)
            : ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
      const key = print([result]);
      if (!seen.has(key)) results.push(result);
      seen.add(key);
    }
    const resultType =
      results.length === 0
        ? ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)
        : results.length === 1
          ? results[0]!
          : ts.factory.createUnionTypeNode(results);
    const result = alias(typeName.result, resultType);
    ts.addSyntheticLeadingComment(
      result,
      ts.SyntaxKind.MultiLineCommentTrivia,
      `* What {@link ${names.get(op.id)}} resolves to. `,
      true,
    );
    out.push(result);
    const entry: OperationTyping = { input: typeName.input, result: typeName.result, keys };

    if (op.pagination) {
      // The answer's shapes, through named unions: arrays of items, and page objects.
      const leaves: ts.TypeNode[] = [];
      const flatten = (node: ts.TypeNode) => {
        const ref =
          ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)
            ? node.typeName.text
            : undefined;
        const target = ref ? schemaNode(ref) : undefined;
        if (ts.isUnionTypeNode(node)) node.types.forEach(flatten);
        else if (target && (ts.isUnionTypeNode(target) || ts.isArrayTypeNode(target))) {
          if (ts.isArrayTypeNode(target)) leaves.push(node);
          else target.types.forEach(flatten);
        } else leaves.push(node);
      };
      flatten(resultType);
      const isArray = (node: ts.TypeNode) => {
        if (ts.isArrayTypeNode(node)) return node.elementType;
        const ref =
          ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)
            ? node.typeName.text
            : undefined;
        const target = ref ? schemaNode(ref) : undefined;
        return target && ts.isArrayTypeNode(target) ? target.elementType : undefined;
      };
      const arrays = leaves.filter((l) => isArray(l));
      const pages = leaves.filter((l) => !isArray(l));
      let item = arrays.length === 1 ? isArray(arrays[0]!) : undefined;
      if (!item && op.pagination.items) {
        const objectMembers = (node: ts.TypeNode): ts.TypeElement[] => {
          if (ts.isIntersectionTypeNode(node)) return node.types.flatMap(objectMembers);
          if (ts.isParenthesizedTypeNode(node)) return objectMembers(node.type);
          const ref =
            ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)
              ? node.typeName.text
              : undefined;
          const statement = ref ? schemas.get(ref)?.node : undefined;
          if (statement && ts.isInterfaceDeclaration(statement)) return [...statement.members];
          if (statement && ts.isTypeAliasDeclaration(statement))
            return objectMembers(statement.type);
          return membersOf(node);
        };
        for (const page of pages) {
          const items = objectMembers(page).find(
            (m): m is ts.PropertySignature =>
              ts.isPropertySignature(m) && nameOf(m) === op.pagination!.items,
          );
          if (items?.type) item = isArray(items.type) ?? item;
        }
      }
      if (!item) throw new Error(`${op.id}: cannot tell the type of a list item`);
      entry.item = print([item]);
      if (
        op.pagination.totals &&
        op.pagination.kind !== "checkpoint" &&
        arrays.length === 1 &&
        pages.length > 0
      ) {
        const page = alias(
          typeName.page,
          pages.length === 1 ? pages[0]! : ts.factory.createUnionTypeNode(pages),
        );
        ts.addSyntheticLeadingComment(
          page,
          ts.SyntaxKind.MultiLineCommentTrivia,
          `* What {@link ${names.get(op.id)}} resolves to with \`include_totals: true\`: one page and the totals. `,
          true,
        );
        out.push(page);
        entry.totals = { page: typeName.page, array: print([arrays[0]!]) };
      }
    }
    typing.set(op.id, entry);
  }

  // Which groups use each schema, through every schema it references.
  for (const [module, refs] of moduleRefs) {
    const stack = [...refs];
    const reached = new Set<string>();
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (reached.has(name)) continue;
      reached.add(name);
      for (const ref of schemas.get(name)?.refs ?? []) stack.push(ref);
    }
    for (const name of reached) {
      const users = usedBy.get(name) ?? new Set<string>();
      users.add(module);
      usedBy.set(name, users);
    }
  }
  const home = (name: string) => {
    const users = usedBy.get(name);
    return users?.size === 1 ? [...users][0]! : SHARED_MODULE;
  };
  const sorted = [...schemas.keys()].filter((name) => usedBy.has(name)).sort();
  const ownSchemas = new Map<string, string[]>();
  const sharedUsed = new Map<string, string[]>();
  for (const name of sorted) {
    const module = home(name);
    ownSchemas.set(module, [...(ownSchemas.get(module) ?? []), name]);
    if (module === SHARED_MODULE) {
      for (const user of usedBy.get(name)!)
        sharedUsed.set(user, [...(sharedUsed.get(user) ?? []), name]);
    }
  }

  const source = new Map<string, string>();
  const emit = (module: string, statements: ts.Node[]) => {
    const own = new Set(ownSchemas.get(module) ?? []);
    const imports = new Set<string>();
    for (const name of own)
      for (const ref of schemas.get(name)!.refs) if (!own.has(ref)) imports.add(ref);
    if (module !== SHARED_MODULE)
      for (const ref of moduleRefs.get(module) ?? []) if (!own.has(ref)) imports.add(ref);
    for (const name of imports) {
      if (home(name) !== SHARED_MODULE) throw new Error(`${module} uses ${name} of ${home(name)}`);
    }
    const header =
      module === SHARED_MODULE
        ? [
            comment(
              "The schemas of the Management API that several resource groups use: `@auth0-edge/management/schemas`. @packageDocumentation @module schemas",
            ),
          ]
        : [comment(`The types of the \`${module}\` operations, and the schemas only they use.`)];
    const importLine =
      imports.size > 0
        ? [`import type { ${[...imports].sort().join(", ")} } from "./${SHARED_MODULE}.js";`]
        : [];
    const body = [...[...own].map((name) => schemas.get(name)!.node), ...statements];
    source.set(module, [...header, ...importLine, "", print(body)].join("\n"));
  };
  emit(SHARED_MODULE, []);
  for (const module of [...perModule.keys()].sort()) emit(module, perModule.get(module)!);
  return { modules: source, sharedUsed, ownSchemas, typing };
}

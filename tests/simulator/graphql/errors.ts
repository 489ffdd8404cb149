import { Kind, visit, type ASTNode, type DocumentNode, type GraphQLError, type SourceLocation } from "graphql";

/** One entry of a Shopify GraphQL `errors` array. */
export interface ShopifyGraphqlError {
  message: string;
  locations?: readonly SourceLocation[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** "[Product!]!" -> "Product" */
const bareType = (text: string | undefined) => (text ?? "").replace(/[![\]]/g, "");

const RULES: { pattern: RegExp; rewrite: (m: RegExpExecArray) => Omit<ShopifyGraphqlError, "locations"> }[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"/,
    rewrite: (m) => ({
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: "undefinedField", typeName: m[2], fieldName: m[1] },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/,
    rewrite: (m) => ({
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: "argumentNotAccepted", name: m[3], typeName: "Field", argumentName: m[1] },
    }),
  },
  {
    pattern: /^Field "(?:\w+\.)?(\w+)" argument "(\w+)" of type "([^"]+)" is required/,
    rewrite: (m) => ({
      message: `Field '${m[1]}' is missing required arguments: ${m[2]}`,
      extensions: { code: "missingRequiredArguments", className: "Field", name: m[1], arguments: m[2] },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields/,
    rewrite: (m) => ({
      message: `Field must have selections (field '${m[1]}' returns ${bareType(m[2])} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      extensions: { code: "selectionMismatch", nodeName: `field '${m[1]}'`, typeName: bareType(m[2]) },
    }),
  },
  {
    pattern: /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields/,
    rewrite: (m) => ({
      message: `Selections can't be made on scalars (field '${m[1]}' returns ${bareType(m[2])} but has selections [...])`,
      extensions: { code: "selectionMismatch", nodeName: `field '${m[1]}'`, typeName: bareType(m[2]) },
    }),
  },
  {
    pattern: /^Unknown type "(\w+)"/,
    rewrite: (m) => ({ message: `No such type ${m[1]}, so it can't be a fragment condition`, extensions: { code: "undefinedType", typeName: m[1] } }),
  },
];

function segmentOf(node: ASTNode): string | null {
  switch (node.kind) {
    case Kind.OPERATION_DEFINITION:
      return node.name ? `${node.operation} ${node.name.value}` : node.operation;
    case Kind.FRAGMENT_DEFINITION:
      return `fragment ${node.name.value}`;
    case Kind.FIELD:
      return node.alias?.value ?? node.name.value;
    case Kind.INLINE_FRAGMENT:
      return node.typeCondition ? `... on ${node.typeCondition.name.value}` : "...";
    default:
      return null;
  }
}

/** graphql-ruby's static error path: operation label, then aliases/field names and fragment labels. */
function pathTo(document: DocumentNode, target: ASTNode): string[] | undefined {
  let found: string[] | undefined;
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (found || node !== target) return undefined;
      const chain = [...ancestors, node].filter((a): a is ASTNode => !Array.isArray(a) && typeof a === "object" && a !== null && "kind" in a);
      found = chain.map(segmentOf).filter((s): s is string => s !== null);
      return false;
    },
  });
  return found;
}

/** Rewrites graphql-js validation messages into the graphql-ruby wording (and path) Shopify answers with. */
export function toShopifyValidationError(error: GraphQLError, document?: DocumentNode): ShopifyGraphqlError {
  const locations = error.locations;
  const target = error.nodes?.[0];
  const path = document && target ? pathTo(document, target) : undefined;
  const where = { ...(locations ? { locations } : {}), ...(path && path.length ? { path } : {}) };
  for (const rule of RULES) {
    const match = rule.pattern.exec(error.message);
    if (match) {
      const { message, extensions } = rule.rewrite(match);
      return { message, ...where, ...(extensions ? { extensions } : {}) };
    }
  }
  return { message: error.message, ...where, ...(error.extensions && Object.keys(error.extensions).length ? { extensions: { ...error.extensions } } : {}) };
}

export function toShopifyExecutionError(error: GraphQLError): ShopifyGraphqlError {
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(error.extensions && Object.keys(error.extensions).length ? { extensions: { ...error.extensions } } : {}),
  };
}

export const RATE_LIMIT_DOCS = "https://shopify.dev/api/usage/limits#rate-limits";

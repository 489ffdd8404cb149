import {
  execute,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  print,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  type OperationDefinitionNode,
} from "graphql";
import type { SimContext } from "./context";
import { actualQueryCost, requestedQueryCost } from "./cost";
import { RATE_LIMIT_DOCS, toShopifyExecutionError, toShopifyValidationError, type ShopifyGraphqlError } from "./errors";
import { mutationRoot } from "./mutation-root";
import { queryRoot } from "./root";

/** Shopify rejects single queries above this requested cost. */
export const MAX_SINGLE_QUERY_COST = 1000;

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphqlResponseBody {
  data?: unknown;
  errors?: ShopifyGraphqlError[];
  extensions?: Record<string, unknown>;
}

/**
 * Reads properties and calls methods of the view objects; a field the simulator has not
 * modelled yet fails loudly instead of silently answering null.
 */
export const viewFieldResolver: GraphQLFieldResolver<unknown, SimContext> = (source, args, ctx, info) => {
  if (source === null || typeof source !== "object") return null;
  const record = source as Record<string, unknown>;
  if (!(info.fieldName in record)) {
    throw new GraphQLError(`Simulator does not implement ${info.parentType.name}.${info.fieldName}`, {
      extensions: { code: "SIMULATOR_NOT_IMPLEMENTED" },
    });
  }
  const value = record[info.fieldName];
  return typeof value === "function" ? (value as (...a: unknown[]) => unknown).call(source, args, ctx, info) : value;
};

export const viewTypeResolver: GraphQLTypeResolver<unknown, SimContext> = (value) => {
  const typename = (value as { __typename?: unknown } | null)?.__typename;
  return typeof typename === "string" ? typename : undefined;
};

export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
}

/** Parses and validates against the real schema; errors come back in Shopify's wording. */
export function prepareOperation(schema: GraphQLSchema, query: string, operationName?: string | null): PreparedOperation | { errors: ShopifyGraphqlError[] } {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const e = error as GraphQLError;
    // graphql-ruby words an early end as "unexpected end of file"; other parse errors keep graphql-js's detail.
    const detail = e.message.includes("<EOF>") ? "unexpected end of file" : e.message.replace(/^Syntax Error: /, "");
    return { errors: [{ message: `syntax error, ${detail}`, ...(e.locations ? { locations: e.locations } : {}) }] };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) return { errors: validationErrors.map((e) => toShopifyValidationError(e, document)) };
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) {
    const message = operationName ? `No operation named "${operationName}"` : "An operation name is required";
    return { errors: [{ message }] };
  }
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return { document, operation, fragments };
}

export async function executePrepared(
  schema: GraphQLSchema,
  prepared: PreparedOperation,
  ctx: SimContext,
  variables: Record<string, unknown>,
): Promise<{ data: Record<string, unknown> | null | undefined; errors: ShopifyGraphqlError[] }> {
  const rootValue = prepared.operation.operation === "mutation" ? mutationRoot(ctx) : queryRoot(ctx);
  const result = await execute({
    schema,
    document: prepared.document,
    rootValue,
    contextValue: ctx,
    variableValues: variables,
    operationName: prepared.operation.name?.value,
    fieldResolver: viewFieldResolver,
    typeResolver: viewTypeResolver,
  });
  return { data: result.data as Record<string, unknown> | null | undefined, errors: (result.errors ?? []).map(toShopifyExecutionError) };
}

/**
 * Checks variables up front so bad ones are answered the way graphql-ruby words them:
 * "Variable $id of type ID! was provided invalid value" with the problems listed.
 */
export function variableErrors(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): ShopifyGraphqlError[] {
  const result = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
  if (!("errors" in result) || !result.errors) return [];
  return result.errors.map((error) => {
    const name = /^Variable "\$(\w+)"/.exec(error.message)?.[1] ?? "";
    const definition = operation.variableDefinitions?.find((d) => d.variable.name.value === name);
    const explanation = error.message.includes("was not provided") || error.message.includes("must not be null")
      ? "Expected value to not be null"
      : error.message.replace(/^Variable "\$\w+" got invalid value .*?; /, "");
    return {
      message: `Variable $${name} of type ${definition ? print(definition.type) : "?"} was provided invalid value`,
      ...(definition ? { locations: [{ line: definition.loc?.startToken.line ?? 1, column: definition.loc?.startToken.column ?? 1 }] } : {}),
      extensions: { value: variables[name] ?? null, problems: [{ path: [], explanation }] },
    };
  });
}

function asVariables(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One Admin GraphQL request: validate, cost, throttle, execute, report cost. */
export async function handleAdminGraphql(schema: GraphQLSchema, ctx: SimContext, body: GraphqlRequestBody): Promise<GraphqlResponseBody> {
  if (typeof body.query !== "string" || body.query.trim() === "") {
    return { errors: [{ message: "No query string was present" }] };
  }
  const prepared = prepareOperation(schema, body.query, typeof body.operationName === "string" ? body.operationName : null);
  if ("errors" in prepared) return { errors: prepared.errors };

  const variables = asVariables(body.variables);
  const badVariables = variableErrors(schema, prepared.operation, variables);
  if (badVariables.length > 0) return { errors: badVariables };
  const costInput = { schema, operation: prepared.operation, fragments: prepared.fragments, variables };
  const requested = requestedQueryCost(costInput);
  const bucket = ctx.shop.bucket;
  ctx.shop.syncBucketWithFaults();

  if (requested > MAX_SINGLE_QUERY_COST) {
    return {
      errors: [
        {
          message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
          extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: MAX_SINGLE_QUERY_COST, documentation: RATE_LIMIT_DOCS },
        },
      ],
    };
  }
  if (!bucket.tryTake(requested)) {
    return {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMIT_DOCS } }],
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
    };
  }

  const { data, errors } = await executePrepared(schema, prepared, ctx, variables);
  const actual = Math.min(requested, actualQueryCost(costInput, data));
  bucket.giveBack(requested - actual);
  return {
    ...(data !== undefined ? { data } : {}),
    ...(errors.length ? { errors } : {}),
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } },
  };
}

import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { PreparedOperation } from "../graphql/admin-graphql";

const MAX_CONNECTIONS = 5;
/** Nested connections allowed below the top-level one (products > variants > inventoryLevels is the limit). */
const MAX_NESTED_CONNECTION_DEPTH = 2;

function isConnectionType(type: GraphQLCompositeType): boolean {
  return isObjectType(type) && type.name.endsWith("Connection") && "pageInfo" in type.getFields();
}

function isListOutput(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

interface Analysis {
  connections: number;
  deepest: number;
  withinList: boolean;
  viaNodes: string[];
  parentsWithoutId: string[];
}

/**
 * Shopify's extra rules for bulkOperationRunQuery, with its messages (all reported, in Shopify's order):
 * query operations only, connections selected through edges > node, no top-level node/nodes, at most
 * 5 connections nested at most 2 levels below the top one, an unaliased `id` on every node that has a
 * nested connection, no connection inside a list field, and at least one connection.
 */
export function bulkQueryProblems(schema: GraphQLSchema, prepared: PreparedOperation): string[] {
  if (prepared.operation.operation !== "query") return ["Invalid operation type. Only `query` operations are supported."];
  const queryType = schema.getQueryType();
  if (!queryType) return ["Schema has no query type."];
  const fragments = new Map(prepared.fragments.map((f) => [f.name.value, f]));
  const analysis: Analysis = { connections: 0, deepest: 0, withinList: false, viaNodes: [], parentsWithoutId: [] };

  const fieldsOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): { node: FieldNode; parent: GraphQLCompositeType }[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [{ node: selection, parent }];
      const set = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      const conditionName = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition?.name.value : fragments.get(selection.name.value)?.typeCondition.name.value;
      const condition = conditionName ? schema.getType(conditionName) : parent;
      return set && condition && isCompositeType(condition) ? fieldsOf(set, condition) : [];
    });

  /** The node selection of a connection (edges > node), noting connections selected via `nodes`. */
  const nodeSelection = (connectionField: FieldNode, connectionType: GraphQLCompositeType) => {
    const parts = fieldsOf(connectionField.selectionSet as SelectionSetNode, connectionType);
    if (parts.some((p) => p.node.name.value === "nodes") && !analysis.viaNodes.includes(connectionField.name.value)) analysis.viaNodes.push(connectionField.name.value);
    for (const part of parts) {
      if (part.node.name.value !== "edges" || !part.node.selectionSet || !("getFields" in part.parent)) continue;
      const edgeType = getNamedType(part.parent.getFields()["edges"]?.type);
      if (!edgeType || !isCompositeType(edgeType)) continue;
      const node = fieldsOf(part.node.selectionSet, edgeType).find((f) => f.node.name.value === "node");
      const nodeType = node && "getFields" in edgeType ? getNamedType(edgeType.getFields()["node"]?.type) : undefined;
      if (node?.node.selectionSet && nodeType && isCompositeType(nodeType)) return { selectionSet: node.node.selectionSet, type: nodeType };
    }
    return null;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, depth: number, insideList: boolean, enclosing: { name: string; hasId: boolean } | null): void => {
    for (const { node, parent: owner } of fieldsOf(selectionSet, parent)) {
      if (!node.selectionSet || !("getFields" in owner)) continue;
      const definition = owner.getFields()[node.name.value];
      const type = definition ? getNamedType(definition.type) : null;
      if (!definition || !type || !isCompositeType(type)) continue;
      if (!isConnectionType(type)) {
        walk(node.selectionSet, type, depth, insideList || isListOutput(definition.type), enclosing);
        continue;
      }
      analysis.connections++;
      analysis.deepest = Math.max(analysis.deepest, depth + 1);
      if (insideList) analysis.withinList = true;
      if (enclosing && !enclosing.hasId && !analysis.parentsWithoutId.includes(enclosing.name)) analysis.parentsWithoutId.push(enclosing.name);
      const inner = nodeSelection(node, type);
      if (!inner) continue;
      const hasId = inner.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === "id" && !s.alias);
      walk(inner.selectionSet, inner.type, depth + 1, false, { name: node.name.value, hasId });
    }
  };

  walk(prepared.operation.selectionSet, queryType, 0, false, null);
  const rootNames = prepared.operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).map((s) => (s.kind === Kind.FIELD ? s.name.value : ""));
  const problems: string[] = [];
  if (analysis.viaNodes.length > 0) {
    problems.push(
      `All connection fields in a bulk query must select their contents using 'edges' > 'node', e.g: '${analysis.viaNodes[0]} { edges { node {'. Selecting via 'nodes' is not supported. Invalid connection fields: '${analysis.viaNodes.join("', '")}'.`,
    );
  }
  if (rootNames.includes("node") || rootNames.includes("nodes")) problems.push("Bulk queries cannot contain a top level `node` field.");
  if (analysis.deepest > MAX_NESTED_CONNECTION_DEPTH + 1) problems.push(`Bulk queries cannot contain connections with a nesting depth greater than ${MAX_NESTED_CONNECTION_DEPTH}.`);
  if (analysis.connections > MAX_CONNECTIONS) problems.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
  if (analysis.parentsWithoutId.length > 0) {
    problems.push(
      `The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection fields without 'id': ${analysis.parentsWithoutId.join(", ")}.`,
    );
  }
  if (analysis.withinList) problems.push("Queries that contain a connection field within a list field are not currently supported.");
  if (analysis.connections === 0) problems.push("Bulk queries must contain at least one connection.");
  return problems;
}

import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * Shopify's query cost rules, close enough for throttling behaviour:
 * scalars and enums 0, objects 1, connections 2 + size × cost of one node (size = first/last),
 * plain lists of objects sized by `first` (or `ids`), each mutation field 10.
 * With `data`, the same walk gives the actual cost from what was really returned.
 */
export const MUTATION_FIELD_COST = 10;

interface CostWalk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** When true, walk result data (actual cost); otherwise use declared sizes (requested cost). */
  actual: boolean;
}

type Json = Record<string, unknown>;

function isConnectionType(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  if (!isObjectType(named) || !named.name.endsWith("Connection")) return false;
  const fields = named.getFields();
  return "pageInfo" in fields && ("edges" in fields || "nodes" in fields);
}

function argumentValue(field: FieldNode, name: string, walk: CostWalk): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, walk.variables) : undefined;
}

function declaredSize(field: FieldNode, walk: CostWalk): number {
  for (const name of ["first", "last"]) {
    const value = argumentValue(field, name, walk);
    if (typeof value === "number") return value;
  }
  const ids = argumentValue(field, "ids", walk);
  if (Array.isArray(ids)) return ids.length;
  return 1;
}

function asObject(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Nodes a connection result returned (via edges.node or nodes), for actual cost. */
function connectionNodesCost(
  connectionType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  data: Json | null,
  size: number,
  walk: CostWalk,
): number {
  let total = 0;
  forEachField(selectionSet, connectionType, walk, (field, parentType) => {
    if (!isObjectType(parentType)) return;
    const name = field.name.value;
    const key = field.alias?.value ?? name;
    const nodeType = parentType.getFields()[name === "edges" ? "edges" : name]?.type;
    if (name === "nodes" && nodeType && field.selectionSet) {
      const elementType = getNamedType(nodeType) as GraphQLCompositeType;
      if (walk.actual) {
        for (const node of listOf(data?.[key])) total += objectCost(elementType, field.selectionSet, asObject(node), walk);
      } else {
        total += size * objectCost(elementType, field.selectionSet, null, walk);
      }
    }
    if (name === "edges" && nodeType && field.selectionSet) {
      const edgeType = getNamedType(nodeType) as GraphQLCompositeType;
      forEachField(field.selectionSet, edgeType, walk, (edgeField, edgeParent) => {
        if (edgeField.name.value !== "node" || !edgeField.selectionSet || !isObjectType(edgeParent)) return;
        const nodeField = edgeParent.getFields()["node"];
        if (!nodeField) return;
        const elementType = getNamedType(nodeField.type) as GraphQLCompositeType;
        const nodeKey = edgeField.alias?.value ?? "node";
        if (walk.actual) {
          for (const edge of listOf(data?.[key])) {
            total += objectCost(elementType, edgeField.selectionSet, asObject(asObject(edge)?.[nodeKey]), walk);
          }
        } else {
          total += size * objectCost(elementType, edgeField.selectionSet, null, walk);
        }
      });
    }
  });
  return total;
}

function objectCost(type: GraphQLCompositeType, selectionSet: SelectionSetNode, data: Json | null, walk: CostWalk): number {
  if (walk.actual && data === null) return 0;
  return 1 + selectionSetCost(type, selectionSet, data, walk);
}

function fieldCost(field: FieldNode, definition: GraphQLField<unknown, unknown>, data: Json | null, walk: CostWalk): number {
  const type = definition.type;
  const named = getNamedType(type);
  if (!isCompositeType(named) || !field.selectionSet) return 0;
  const key = field.alias?.value ?? field.name.value;
  const value = data?.[key];
  if (isConnectionType(type)) {
    if (walk.actual && (value === null || value === undefined)) return 0;
    return 2 + connectionNodesCost(named, field.selectionSet, asObject(value), declaredSize(field, walk), walk);
  }
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  if (isListType(unwrapped)) {
    if (walk.actual) {
      return listOf(value).reduce<number>((sum, item) => sum + objectCost(named, field.selectionSet!, asObject(item), walk), 0);
    }
    return declaredSize(field, walk) * objectCost(named, field.selectionSet, null, walk);
  }
  return objectCost(named, field.selectionSet, walk.actual ? asObject(value) : null, walk);
}

/** Visits fields, expanding fragments; abstract-type fragments are costed by the dearest branch. */
function forEachField(
  selectionSet: SelectionSetNode,
  parentType: GraphQLCompositeType,
  walk: CostWalk,
  visit: (field: FieldNode, parentType: GraphQLCompositeType) => void,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) visit(selection, parentType);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parentType;
      if (condition && isCompositeType(condition)) forEachField(selection.selectionSet, condition, walk, visit);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const condition = fragment ? walk.schema.getType(fragment.typeCondition.name.value) : null;
      if (fragment && condition && isCompositeType(condition)) forEachField(fragment.selectionSet, condition, walk, visit);
    }
  }
}

function selectionSetCost(parentType: GraphQLCompositeType, selectionSet: SelectionSetNode, data: Json | null, walk: CostWalk): number {
  const byBranch = new Map<string, number>();
  forEachField(selectionSet, parentType, walk, (field, branchType) => {
    if (!("getFields" in branchType)) return;
    const definition = branchType.getFields()[field.name.value];
    if (!definition) return;
    const branch = branchType === parentType ? "" : branchType.name;
    byBranch.set(branch, (byBranch.get(branch) ?? 0) + fieldCost(field, definition, data, walk));
  });
  const common = byBranch.get("") ?? 0;
  byBranch.delete("");
  return common + Math.max(0, ...byBranch.values());
}

export interface OperationCostInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: FragmentDefinitionNode[];
  variables: Record<string, unknown>;
}

function rootCost(input: OperationCostInput, data: Json | null): number {
  const walk: CostWalk = {
    schema: input.schema,
    fragments: new Map(input.fragments.map((f) => [f.name.value, f])),
    variables: input.variables,
    actual: data !== null,
  };
  if (input.operation.operation === "mutation") {
    let fields = 0;
    const mutationType = input.schema.getMutationType();
    if (mutationType) forEachField(input.operation.selectionSet, mutationType, walk, () => fields++);
    return fields * MUTATION_FIELD_COST;
  }
  const queryType = input.schema.getQueryType();
  if (!queryType) return 0;
  return selectionSetCost(queryType, input.operation.selectionSet, data, walk);
}

export function requestedQueryCost(input: OperationCostInput): number {
  return rootCost(input, null);
}

export function actualQueryCost(input: OperationCostInput, data: Record<string, unknown> | null | undefined): number {
  if (input.operation.operation === "mutation") return rootCost(input, null);
  return rootCost(input, data ?? {});
}

import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { SimContext } from "../graphql/context";

/**
 * A lean executor for bulk operations over the simulator's view objects. The query was already
 * validated with graphql-js; this walks the same views without graphql-js's per-field machinery
 * (promises, error paths, result completion), and `emitLines` writes Shopify's JSONL lines
 * directly (connection nodes on their own lines with __parentId) without building the nested
 * result first. Output matches graphql-js + flattening (checked in tests).
 */

/** How a field's value is completed, decided once per field from its schema type. */
interface Shape {
  listDepth: number;
  /** Null for leaf (scalar/enum) fields. */
  composite: GraphQLOutputType | null;
  isConnection: boolean;
}

interface PlannedField {
  key: string;
  name: string;
  definition: GraphQLField<unknown, unknown> | null;
  shape: Shape;
  args: Record<string, unknown>;
  nodes: FieldNode[];
  /** Child plans per concrete object type name, built on first use. */
  children: Map<string, PlannedField[]>;
}

type Json = Record<string, unknown>;

/** Connections found inside a node's selection, emitted after the node's own line. */
interface Deferred {
  field: PlannedField;
  connection: unknown;
}

function shapeOf(type: GraphQLOutputType): Shape {
  let listDepth = 0;
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) current = current.ofType;
    else if (isListType(current)) {
      listDepth++;
      current = current.ofType;
    } else break;
  }
  const named = getNamedType(type);
  const composite = isCompositeType(named) ? named : null;
  const isConnection = listDepth === 0 && isObjectType(named) && named.name.endsWith("Connection") && "pageInfo" in named.getFields();
  return { listDepth, composite, isConnection };
}

export class BulkExecutor {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private rootPlan: PlannedField[] | null = null;

  constructor(
    private readonly schema: GraphQLSchema,
    fragments: FragmentDefinitionNode[],
    private readonly variables: Record<string, unknown> = {},
  ) {
    this.fragments = new Map(fragments.map((f) => [f.name.value, f]));
  }

  private appliesTo(typeConditionName: string | undefined, type: GraphQLObjectType): boolean {
    if (!typeConditionName || typeConditionName === type.name) return true;
    const condition = this.schema.getType(typeConditionName);
    return condition !== undefined && condition !== null && isAbstractType(condition) && this.schema.isSubType(condition, type);
  }

  private collect(selectionSets: readonly SelectionSetNode[], type: GraphQLObjectType, into: Map<string, FieldNode[]>): void {
    for (const selectionSet of selectionSets) {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const list = into.get(key);
          if (list) list.push(selection);
          else into.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.appliesTo(selection.typeCondition?.name.value, type)) this.collect([selection.selectionSet], type, into);
        } else {
          const fragment = this.fragments.get(selection.name.value);
          if (fragment && this.appliesTo(fragment.typeCondition.name.value, type)) this.collect([fragment.selectionSet], type, into);
        }
      }
    }
  }

  private plan(type: GraphQLObjectType, selectionSets: readonly SelectionSetNode[]): PlannedField[] {
    const grouped = new Map<string, FieldNode[]>();
    this.collect(selectionSets, type, grouped);
    const fields: PlannedField[] = [];
    for (const [key, nodes] of grouped) {
      const first = nodes[0] as FieldNode;
      const name = first.name.value;
      const definition = name === "__typename" ? null : (type.getFields()[name] ?? null);
      fields.push({
        key,
        name,
        definition,
        shape: definition ? shapeOf(definition.type) : { listDepth: 0, composite: null, isConnection: false },
        nodes,
        children: new Map(),
        args: definition ? getArgumentValues(definition, first, this.variables) : {},
      });
    }
    return fields;
  }

  private childPlan(field: PlannedField, type: GraphQLObjectType): PlannedField[] {
    const hit = field.children.get(type.name);
    if (hit) return hit;
    const sets = field.nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => s !== undefined);
    const plan = this.plan(type, sets);
    field.children.set(type.name, plan);
    return plan;
  }

  private concreteType(declared: GraphQLOutputType, value: unknown): GraphQLObjectType {
    if (isObjectType(declared)) return declared;
    const typename = (value as { __typename?: unknown }).__typename;
    const resolved = typeof typename === "string" ? this.schema.getType(typename) : null;
    if (!resolved || !isObjectType(resolved)) throw new Error(`Cannot resolve the concrete type of a ${String(declared)}`);
    return resolved;
  }

  private resolve(field: PlannedField, source: unknown, ctx: SimContext): unknown {
    const record = source as Json;
    if (!(field.name in record)) throw new Error(`Simulator does not implement ${String(record.__typename)}.${field.name}`);
    const value = record[field.name];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).call(source, field.args, ctx, undefined) : value;
  }

  private complete(field: PlannedField, depth: number, value: unknown, ctx: SimContext, deferred: Deferred[] | null): unknown {
    if (value === null || value === undefined) return null;
    if (depth > 0) return (value as unknown[]).map((item) => this.complete(field, depth - 1, item, ctx, deferred));
    const composite = field.shape.composite;
    if (composite === null) return value;
    return this.object(this.childPlan(field, this.concreteType(composite, value)), value, ctx, deferred);
  }

  /** With `deferred`, connection fields are left out of the object and queued for their own lines. */
  private object(plan: PlannedField[], source: unknown, ctx: SimContext, deferred: Deferred[] | null): Json {
    const out: Json = {};
    for (const field of plan) {
      if (field.definition === null) {
        out[field.key] = (source as Json).__typename;
        continue;
      }
      const value = this.resolve(field, source, ctx);
      if (deferred && field.shape.isConnection) {
        if (value !== null && value !== undefined) deferred.push({ field, connection: value });
        continue;
      }
      out[field.key] = this.complete(field, field.shape.listDepth, value, ctx, deferred);
    }
    return out;
  }

  private getRootPlan(selectionSet: SelectionSetNode): PlannedField[] {
    const queryType = this.schema.getQueryType();
    if (!queryType) throw new Error("Schema has no query type");
    this.rootPlan ??= this.plan(queryType, [selectionSet]);
    return this.rootPlan;
  }

  /** Executes the operation's selection on `root` (the QueryRoot view), returning the nested result. */
  run(selectionSet: SelectionSetNode, root: unknown, ctx: SimContext): Json {
    return this.object(this.getRootPlan(selectionSet), root, ctx, null);
  }

  /** Calls `visit` with each node of a connection value and the plan for its selection. */
  private forEachNode(field: PlannedField, connection: unknown, ctx: SimContext, visit: (plan: PlannedField[], node: unknown) => void): void {
    const connectionType = field.shape.composite as GraphQLObjectType;
    for (const part of this.childPlan(field, connectionType)) {
      if (part.name === "nodes") {
        for (const node of (this.resolve(part, connection, ctx) as unknown[]) ?? []) {
          visit(this.childPlan(part, this.concreteType(getNamedType(part.definition?.type) as GraphQLOutputType, node)), node);
        }
      } else if (part.name === "edges") {
        const edgeType = getNamedType(part.definition?.type) as GraphQLObjectType;
        const nodeField = this.childPlan(part, edgeType).find((f) => f.name === "node");
        if (!nodeField) continue;
        for (const edge of (this.resolve(part, connection, ctx) as unknown[]) ?? []) {
          const node = this.resolve(nodeField, edge, ctx);
          visit(this.childPlan(nodeField, this.concreteType(getNamedType(nodeField.definition?.type) as GraphQLOutputType, node)), node);
        }
      }
    }
  }

  private emitNode(plan: PlannedField[], node: unknown, parentId: string | null, ctx: SimContext, lines: string[]): number {
    const deferred: Deferred[] = [];
    const line = this.object(plan, node, ctx, deferred);
    if (parentId !== null) line.__parentId = parentId;
    lines.push(JSON.stringify(line));
    let count = 1;
    const ownId = (node as Json).id;
    const id = typeof ownId === "string" ? ownId : parentId;
    for (const { field, connection } of deferred) {
      this.forEachNode(field, connection, ctx, (childPlan, child) => {
        count += this.emitNode(childPlan, child, id, ctx, lines);
      });
    }
    return count;
  }

  /** Appends Shopify bulk JSONL lines for the root connection(s) to `lines`. */
  emitLines(selectionSet: SelectionSetNode, root: unknown, ctx: SimContext, lines: string[]): { objects: number; roots: number } {
    let objects = 0;
    let roots = 0;
    for (const field of this.getRootPlan(selectionSet)) {
      if (!field.shape.isConnection) continue;
      const connection = this.resolve(field, root, ctx);
      if (connection === null || connection === undefined) continue;
      this.forEachNode(field, connection, ctx, (plan, node) => {
        roots++;
        objects += this.emitNode(plan, node, null, ctx, lines);
      });
    }
    return { objects, roots };
  }
}

// The plan for a subscription's events: how to build each event's result from its payload, for selections that are plain data.
import {
  defaultFieldResolver,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * graphql-js runs its whole executor for every event of a subscription: fields collected, arguments
 * read and every value completed again, for each log line. Most selections under a stream's root field
 * are plain data: object types whose selected fields have no resolver (graphql's default resolver
 * reads the property) and leaves whose scalar or enum serializes the value. For those, the plan built
 * at subscribe time copies each event into ordinary objects, which JSON.stringify also writes faster
 * than the executor's null-prototype ones.
 *
 * Anything else has no plan: a nested field with a resolver or arguments, a directive, an abstract
 * type, a fragment on another type. An event whose values the executor would treat otherwise (a null
 * for a non-null field, a promise, an Error, a method, a getter that throws, a value its type cannot
 * serialize) gets no planned result, and is left to the executor.
 *
 * The root field's resolver runs once per event with the subscription's one set of arguments and one
 * `info` (its rootValue set to the event), as it runs for the source; when a planned build misses,
 * the executor runs it again.
 */

/** A value the plan cannot copy; the event is left to the executor. */
const UNPLANNED = Symbol('unplanned');
type Copy = (value: unknown) => unknown;

export type PlannedResult = ExecutionResult | undefined;
export interface EventPlan {
  operation: OperationDefinitionNode;
  /** The event's result, or undefined when the executor must make it. */
  build(payload: unknown): PlannedResult | Promise<PlannedResult>;
}

/** The plan for a subscription's events, or undefined when its selection is not plain data. */
export function planEvents(args: ExecutionArgs): EventPlan | undefined {
  const { schema, document, contextValue } = args;
  // A custom default resolver would read the nested fields its own way.
  if (args.fieldResolver) return undefined;
  const operation = getOperationAST(document, args.operationName);
  const parentType = schema.getSubscriptionType();
  if (operation?.operation !== 'subscription' || !parentType) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const rootFields = collectFields(parentType, [operation.selectionSet], fragments);
  if (rootFields?.size !== 1) return undefined;
  const [responseKey, fieldNodes] = [...rootFields][0]!;
  const fieldNode = fieldNodes[0]!;
  const field = parentType.getFields()[fieldNode.name.value];
  if (!field) return undefined;
  const copy = planValue(field.type, fieldNodes, fragments);
  if (!copy) return undefined;

  // Variables that do not coerce leave the subscription to the executor, which reports them.
  const variables = getVariableValues(schema, operation.variableDefinitions ?? [], args.variableValues ?? {});
  if (variables.errors) return undefined;
  let fieldArgs: Record<string, unknown>;
  try {
    fieldArgs = getArgumentValues(field, fieldNode, variables.coerced);
  } catch {
    return undefined;
  }
  const resolve = field.resolve ?? defaultFieldResolver;
  // One info for the subscription's life, as for its source; rootValue is each event's payload.
  const info: { -readonly [K in keyof GraphQLResolveInfo]: GraphQLResolveInfo[K] } = {
    fieldName: field.name,
    fieldNodes,
    returnType: field.type,
    parentType,
    path: { prev: undefined, key: responseKey, typename: parentType.name },
    schema,
    fragments,
    rootValue: undefined,
    operation,
    variableValues: variables.coerced,
  };
  const copyResult = (value: unknown): PlannedResult => {
    try {
      const data = copy(value);
      return data === UNPLANNED ? undefined : { data: { [responseKey]: data } };
    } catch {
      // A getter that throws: the executor reports it as a field error.
      return undefined;
    }
  };
  return {
    operation,
    build(payload) {
      let value: unknown;
      try {
        info.rootValue = payload;
        value = resolve(payload, fieldArgs, contextValue, info);
        // Awaited as the executor would; a rejection is left to the executor, which reports it.
        if (isPromiseLike(value)) return Promise.resolve(value).then(copyResult, () => undefined);
      } catch {
        // Thrown by the resolver, or by a `then` getter on what it returned.
        return undefined;
      }
      return copyResult(value);
    },
  };
}

/**
 * How to copy one value of this type with this selection as the executor would complete it, or
 * undefined when the selection is not plain data; the copy returns undefined for a value it cannot take.
 */
export function planCopy(
  type: GraphQLOutputType,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): ((value: unknown) => unknown) | undefined {
  const copy = planValue(type, fieldNodes, fragments);
  return (
    copy &&
    ((value) => {
      const copied = copy(value);
      return copied === UNPLANNED ? undefined : copied;
    })
  );
}

/** Values the executor does not take as data: it awaits promises and raises errors. */
function isAwaitedOrRaised(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value instanceof Error || isPromiseLike(value));
}

/** How to copy a value of this type with this selection, or undefined when it is not plain data. */
function planValue(
  type: GraphQLOutputType,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): Copy | undefined {
  if (isNonNullType(type)) {
    const inner = planValue(type.ofType, fieldNodes, fragments);
    // A null here is an error the executor words and places.
    return inner && ((value) => (value == null || isAwaitedOrRaised(value) ? UNPLANNED : inner(value)));
  }
  if (isListType(type)) {
    const item = planValue(type.ofType, fieldNodes, fragments);
    return item && ((value) => (value == null ? null : Array.isArray(value) ? copyList(value, item) : UNPLANNED));
  }
  if (isLeafType(type)) {
    return (value) => {
      if (value == null) return null;
      if (isAwaitedOrRaised(value)) return UNPLANNED;
      try {
        return type.serialize(value) ?? UNPLANNED;
      } catch {
        return UNPLANNED;
      }
    };
  }
  if (isObjectType(type) && !type.isTypeOf) return planObject(type, fieldNodes, fragments);
  return undefined;
}

function copyList(list: readonly unknown[], item: Copy): unknown {
  const out = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) {
    const copied = item(list[i]);
    if (copied === UNPLANNED) return UNPLANNED;
    out[i] = copied;
  }
  return out;
}

function planObject(
  type: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): Copy | undefined {
  const fields = collectFields(
    type,
    fieldNodes.map((node) => node.selectionSet).filter((set) => set !== undefined),
    fragments,
  );
  if (!fields) return undefined;
  const keys: string[] = [];
  const names: string[] = [];
  const copies: (Copy | null)[] = [];
  for (const [key, nodes] of fields) {
    // Assigning it would set the copy's prototype, not a field.
    if (key === '__proto__') return undefined;
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      keys.push(key);
      names.push(name);
      copies.push(null);
      continue;
    }
    const field = type.getFields()[name];
    // A resolver may compute, authorize or load: only fields read by graphql's default resolver are copied.
    if (!field || field.resolve || field.args.length || nodes.some((node) => node.arguments?.length)) return undefined;
    const copy = planValue(field.type, nodes, fragments);
    if (!copy) return undefined;
    keys.push(key);
    names.push(name);
    copies.push(copy);
  }
  const typename = type.name;
  return (value) => {
    if (value == null) return null;
    if (typeof value !== 'object' || isAwaitedOrRaised(value)) return UNPLANNED;
    const source = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const copy = copies[i];
      if (!copy) {
        out[keys[i]!] = typename;
        continue;
      }
      const property = source[names[i]!];
      // The default resolver would call a method with the field's arguments.
      if (typeof property === 'function') return UNPLANNED;
      const copied = copy(property);
      if (copied === UNPLANNED) return UNPLANNED;
      out[keys[i]!] = copied;
    }
    return out;
  };
}

/**
 * The fields of selection sets on one object type, by response key, as the executor collects them;
 * undefined for what this plan leaves to the executor (directives, fragments on other types).
 */
function collectFields(
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  fields = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> | undefined {
  for (const set of selectionSets) {
    for (const selection of set.selections) {
      if (selection.directives?.length) return undefined;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = fields.get(key);
        if (nodes) nodes.push(selection);
        else fields.set(key, [selection]);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && selection.typeCondition.name.value !== type.name) return undefined;
        if (!collectFields(type, [selection.selectionSet], fragments, fields, visited)) return undefined;
        continue;
      }
      const name = selection.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      const fragment = fragments[name];
      if (!fragment || fragment.typeCondition.name.value !== type.name) return undefined;
      if (!collectFields(type, [fragment.selectionSet], fragments, fields, visited)) return undefined;
    }
  }
  return fields;
}

export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

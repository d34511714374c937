// Keeps local-mode cases (every right, mutations reach the shared test engine) to the fuzz's own containers, off the host, and off what belongs to the whole engine.
import {
  Kind,
  parse,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type IntValueNode,
  type ObjectFieldNode,
  type ObjectValueNode,
  type ValueNode,
} from 'graphql';
import { printCompact } from './corpus.js';
import { RawNumber, withOwnKeys, type FuzzValue } from './values.js';

/**
 * Create options that reach outside a container (the host's files, devices, namespaces, privileges).
 * The gateway in local mode has no create policy, so a local-mode case never carries them.
 */
const HOST_OPTIONS = new Set([
  'binds',
  'capAdd',
  'devices',
  'mounts',
  'privileged',
  'securityOpt',
  'ipcMode',
  'networkMode',
  'pidMode',
  'utsMode',
]);

/**
 * Mutations that act on a whole engine or on things no label confines (prunes, networks and volumes by
 * name, images the other test files use): in local mode each is asked for `__typename` instead.
 */
const ENGINE_WIDE = new Set([
  'pruneContainers',
  'pruneNetworks',
  'pruneVolumes',
  'pruneImages',
  'createNetwork',
  'removeNetwork',
  'connectContainer',
  'disconnectContainer',
  'createVolume',
  'removeVolume',
  'removeImage',
  'tagImage',
  'pullImage',
  'pushImage',
  'imagePull',
  'createService',
  'updateService',
  'scaleService',
  'removeService',
]);

/** Stop and restart timeouts above this hold a run for as long as they say, when PID 1 ignores SIGTERM. */
const MAX_TIMEOUT = 2;

export interface Confinement {
  /** Full ids of the containers local mode may change; a hex prefix of anything else would reach other test files' containers. */
  ownedIds: readonly string[];
  /** Put on every container local mode creates, so that the fuzz removes them afterwards. */
  label: { key: string; value: string };
}

/** True for a string the engine could resolve to someone else's container: an id prefix that is not one of ours. */
function foreignReference(value: string, owned: readonly string[]): boolean {
  const bare = value.trim().replace(/^\/+/, '').toLowerCase();
  return /^[0-9a-f]+$/.test(bare) && !owned.some((id) => id.startsWith(bare));
}

function cappedTimeout(value: number): number | undefined {
  return Number.isInteger(value) && value > MAX_TIMEOUT && value <= 2 ** 31 - 1 ? MAX_TIMEOUT : undefined;
}

interface Uses {
  /** Variables passed as a stop or restart timeout. */
  timeouts: Set<string>;
  /** Variables passed as createContainer's input. */
  createInputs: Set<string>;
}

function usesOf(doc: DocumentNode): Uses {
  const uses: Uses = { timeouts: new Set(), createInputs: new Set() };
  visit(doc, {
    Field(field) {
      for (const arg of field.arguments ?? []) {
        if (arg.value.kind !== Kind.VARIABLE) continue;
        if (arg.name.value === 'timeout') uses.timeouts.add(arg.value.name.value);
        if (arg.name.value === 'input' && field.name.value === 'createContainer') uses.createInputs.add(arg.value.name.value);
      }
    },
  });
  return uses;
}

function labelled(input: ObjectValueNode, label: Confinement['label']): ObjectValueNode {
  const ours: ValueNode = {
    kind: Kind.OBJECT,
    fields: [
      { kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: 'key' }, value: { kind: Kind.STRING, value: label.key } },
      { kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: 'value' }, value: { kind: Kind.STRING, value: label.value } },
    ],
  };
  const existing = input.fields.find((f) => f.name.value === 'labels');
  const values = existing?.value.kind === Kind.LIST ? [...existing.value.values, ours] : [ours];
  const labels: ObjectFieldNode = {
    kind: Kind.OBJECT_FIELD,
    name: { kind: Kind.NAME, value: 'labels' },
    value: { kind: Kind.LIST, values },
  };
  return { ...input, fields: [...input.fields.filter((f) => f.name.value !== 'labels'), labels] };
}

function cappedIntNode(node: ValueNode): ValueNode {
  if (node.kind !== Kind.INT) return node;
  const capped = cappedTimeout(Number(node.value));
  return capped === undefined ? node : ({ ...node, value: String(capped) } satisfies IntValueNode);
}

function confineDocument(doc: DocumentNode, uses: Uses, confinement: Confinement): DocumentNode {
  return visit(doc, {
    StringValue(node) {
      return foreignReference(node.value, confinement.ownedIds) ? { ...node, value: `z${node.value}` } : undefined;
    },
    ObjectField(node) {
      return HOST_OPTIONS.has(node.name.value) ? null : undefined;
    },
    Argument: {
      leave(arg: ArgumentNode) {
        return arg.name.value === 'timeout' ? { ...arg, value: cappedIntNode(arg.value) } : undefined;
      },
    },
    Field: {
      leave(field) {
        if (ENGINE_WIDE.has(field.name.value)) {
          return { kind: Kind.FIELD, ...(field.alias ? { alias: field.alias } : {}), name: { kind: Kind.NAME, value: '__typename' } };
        }
        if (field.name.value !== 'createContainer') return undefined;
        return {
          ...field,
          arguments: field.arguments?.map((arg) =>
            arg.name.value === 'input' && arg.value.kind === Kind.OBJECT ? { ...arg, value: labelled(arg.value, confinement.label) } : arg,
          ),
        };
      },
    },
    VariableDefinition: {
      leave(node) {
        const name = node.variable.name.value;
        if (!node.defaultValue) return undefined;
        if (uses.timeouts.has(name)) return { ...node, defaultValue: cappedIntNode(node.defaultValue) as typeof node.defaultValue };
        if (uses.createInputs.has(name) && node.defaultValue.kind === Kind.OBJECT)
          return { ...node, defaultValue: labelled(node.defaultValue, confinement.label) as typeof node.defaultValue };
        return undefined;
      },
    },
  });
}

function confineValue(value: FuzzValue, confinement: Confinement): FuzzValue {
  if (typeof value === 'string') return foreignReference(value, confinement.ownedIds) ? `z${value}` : value;
  if (Array.isArray(value)) return value.map((v) => confineValue(v, confinement));
  if (value !== null && typeof value === 'object' && !(value instanceof RawNumber)) {
    return withOwnKeys(
      Object.entries(value).flatMap(
        ([k, v]): Array<[string, FuzzValue]> => (HOST_OPTIONS.has(k) ? [] : [[k, confineValue(v, confinement)]]),
      ),
    );
  }
  return value;
}

function cappedValue(value: FuzzValue): FuzzValue {
  const number = typeof value === 'number' ? value : value instanceof RawNumber ? Number(value.text) : undefined;
  return number !== undefined && cappedTimeout(number) !== undefined ? MAX_TIMEOUT : value;
}

function labelledValue(value: FuzzValue, label: Confinement['label']): FuzzValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof RawNumber) return value;
  const ours = { key: label.key, value: label.value };
  const existing = value.labels;
  const labels: FuzzValue = Array.isArray(existing)
    ? [...existing, ours]
    : existing && typeof existing === 'object' && !(existing instanceof RawNumber)
      ? [existing, ours]
      : [ours];
  return withOwnKeys([...Object.entries(value).filter(([k]) => k !== 'labels'), ['labels', labels]]);
}

export interface Sendable {
  query: FuzzValue;
  variables?: FuzzValue | undefined;
}

/**
 * The case with every string that could name another test file's container made unresolvable, host
 * options dropped, timeouts capped and its creates labelled. What does not parse cannot run, so only
 * a document that parses is rewritten (with the gateway's own parser; its token limit is far below ours).
 */
export function confine<C extends Sendable>(c: C, confinement: Confinement): C {
  let doc: DocumentNode | undefined;
  if (typeof c.query === 'string') {
    try {
      doc = parse(c.query, { maxTokens: 100_000 });
    } catch {
      doc = undefined;
    }
  }
  const uses = doc ? usesOf(doc) : { timeouts: new Set<string>(), createInputs: new Set<string>() };
  const confined = doc ? confineDocument(doc, uses, confinement) : undefined;
  // visit hands back the same document when nothing changed: the text then stays as drawn.
  const query = confined && confined !== doc ? printCompact(confined) : c.query;
  let variables = c.variables === undefined ? undefined : confineValue(c.variables, confinement);
  if (variables && typeof variables === 'object' && !Array.isArray(variables) && !(variables instanceof RawNumber)) {
    const vars = variables;
    variables = withOwnKeys(
      Object.entries(vars).map(([k, v]): [string, FuzzValue] => [
        k,
        uses.timeouts.has(k) ? cappedValue(v) : uses.createInputs.has(k) ? labelledValue(v, confinement.label) : v,
      ]),
    );
  }
  return { ...c, query, ...(c.variables === undefined ? {} : { variables }) };
}

// Label: a key and a value, from the engine's label maps, in key order.
import { builder } from './builder.js';

export interface LabelPair {
  key: string;
  value: string;
}

export const LabelRef = builder.objectRef<LabelPair>('Label').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    value: t.exposeString('value'),
  }),
});

export function labelPairs(labels: Record<string, string> | null | undefined): LabelPair[] {
  return Object.entries(labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));
}

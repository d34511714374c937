// A pull's progress events folded into what the pull box shows: one entry per layer (its latest status and bytes) and the pull's own status lines.
import type { DashboardImagePullSubscription } from './gql/graphql.js';

type Event = DashboardImagePullSubscription['imagePull'];

export interface LayerProgress {
  id: string;
  status: string;
  /** Bytes done and in all, once the engine counted them (Downloading, Extracting); null before. */
  current: number | null;
  total: number | null;
}

export interface PullProgress {
  /** In the order the engine first named them. */
  layers: readonly LayerProgress[];
  /** The events without a layer ("Pulling from …", "Digest: …", "Status: …") and the tag's own ("1: Pulling from …"), in order. */
  lines: readonly string[];
  /** An event's error text: the engine's last word on a failed pull. */
  error: string | null;
}

export const NO_PROGRESS: PullProgress = { layers: [], lines: [], error: null };

/**
 * The engine names the tag itself in the first event ("1: Pulling from test/busybox"): that is a
 * line of the pull, not a layer. Layer ids are 12 hex characters.
 */
const LAYER_ID = /^[0-9a-f]{12}$/;
const COMPLETE = /complete$/i;

export function addEvent(progress: PullProgress, event: Event): PullProgress {
  if (event.error) return { ...progress, error: event.error };
  const { id } = event;
  if (id === null || !LAYER_ID.test(id)) {
    return { ...progress, lines: [...progress.lines, id === null ? event.status : `${id}: ${event.status}`] };
  }
  const at = progress.layers.findIndex((each) => each.id === id);
  const before = progress.layers[at];
  const layer: LayerProgress =
    event.total !== null
      ? { id, status: event.status, current: event.current, total: event.total }
      : // Between counted phases ("Verifying Checksum", "Download complete", "Pull complete") the bar keeps its length, full once a phase is done.
        {
          id,
          status: event.status,
          total: before?.total ?? null,
          current: before && COMPLETE.test(event.status) ? before.total : (before?.current ?? null),
        };
  const layers = at === -1 ? [...progress.layers, layer] : progress.layers.map((each, index) => (index === at ? layer : each));
  return { ...progress, layers };
}

// Newline-delimited JSON streams (events, stats) as abortable async iterators.
import type { Readable } from 'node:stream';
import { EngineFailure, fromTransportError, isAbortError, SlowConsumerError } from './errors.js';
import { StreamIterator } from './stream-iterator.js';

/** A subscriber this many messages behind is ended: events and stats are small and slow, so this is generous. */
const MAX_QUEUED = 10_000;

/**
 * Opens a streaming request with its own abort signal and yields each JSON line. The request is
 * aborted when the consumer returns, when `signal` aborts, or when the stream fails.
 */
export async function ndjsonStream<T>(
  open: (own: AbortSignal) => Promise<Readable>,
  signal?: AbortSignal,
  parse: (line: string) => T = (line) => JSON.parse(line) as T,
): Promise<StreamIterator<T>> {
  const controller = new AbortController();
  let body: Readable | undefined;
  const abortFromSignal = () => void output.return();
  const output = new StreamIterator<T>({
    onClose: () => {
      controller.abort();
      body?.destroy();
      signal?.removeEventListener('abort', abortFromSignal);
    },
  });
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', abortFromSignal, { once: true });
  try {
    body = await open(controller.signal);
  } catch (error) {
    await output.return();
    throw error;
  }
  let pending = '';
  const emit = (line: string) => {
    if (!line.trim()) return;
    try {
      output.push(parse(line));
    } catch {
      output.fail(new EngineFailure('The Docker engine sent a line that is not JSON', 502));
      return;
    }
    if (output.queued > MAX_QUEUED) {
      output.fail(new SlowConsumerError(`The subscriber fell more than ${MAX_QUEUED} messages behind`));
    }
  };
  body.setEncoding('utf8');
  body.on('data', (text: string) => {
    pending += text;
    let nl = pending.indexOf('\n');
    while (nl !== -1) {
      emit(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  });
  body.on('end', () => {
    emit(pending);
    output.end();
  });
  body.on('error', (error) => {
    if (!isAbortError(error) && !controller.signal.aborted) output.fail(fromTransportError(error));
  });
  return output;
}

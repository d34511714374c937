// The engine client: one instance per engine connection, made from its settings; knows nothing of GraphQL.
import type { Dispatcher } from 'undici';
import { createDispatcher, type ConnectionSettings } from './connection.js';
import { containersApi } from './containers.js';
import { DEFAULT_ENGINE_NAME } from './engine-settings.js';
import { execApi } from './exec.js';
import { imagesApi } from './images.js';
import { LogFollower, type FollowLimits } from './log-follow.js';
import { networksApi } from './networks.js';
import { EngineTransport, type RequestObserver, type StreamObserver } from './request.js';
import { swarmApi } from './swarm.js';
import { systemApi } from './system.js';
import { volumesApi } from './volumes.js';

export interface DockerClientOptions {
  /** The engine's configured name (`local` when only one is configured). */
  name?: string;
  /** Errors say which engine failed: on when several engines are configured. */
  tagErrors?: boolean;
  settings: ConnectionSettings;
  /** Injected for tests and for sharing; made from the settings when absent. */
  dispatcher?: Dispatcher;
  observe?: RequestObserver;
  /** Told when each streaming response (logs, stats, events, export) opens and closes. */
  observeStreams?: StreamObserver;
  /** Caps for each log subscriber's buffer. */
  followLimits?: FollowLimits;
  /** The most one JSON answer of the engine may hold (DEFAULT_MAX_ANSWER_BYTES by default). */
  maxAnswerBytes?: number;
}

export function createDockerClient(options: DockerClientOptions) {
  const ownsDispatcher = !options.dispatcher;
  const dispatcher = options.dispatcher ?? createDispatcher(options.settings);
  const name = options.name ?? DEFAULT_ENGINE_NAME;
  const transport = new EngineTransport(dispatcher, options.settings, {
    name,
    tagErrors: options.tagErrors,
    observe: options.observe,
    observeStreams: options.observeStreams,
    maxAnswerBytes: options.maxAnswerBytes,
  });
  const containers = containersApi(transport);
  return {
    name,
    settings: options.settings,
    containers,
    images: imagesApi(transport),
    /** Shared log follow streams: one upstream request per container, however many subscribers. */
    logs: new LogFollower(containers, options.followLimits),
    system: systemApi(transport),
    swarm: swarmApi(transport),
    networks: networksApi(transport),
    volumes: volumesApi(transport),
    exec: execApi(transport),
    /** Closes the connection pool, ending any stream still open. */
    async close(): Promise<void> {
      if (ownsDispatcher) await dispatcher.destroy();
    },
  };
}

export type DockerClient = ReturnType<typeof createDockerClient>;

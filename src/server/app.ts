// The composition root: engine client, Yoga, WebSocket server and routes on one HTTP server.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDockerClient, type DockerClient } from '../docker/client.js';
import type { ConnectionSettings } from '../docker/connection.js';
import type { FollowLimits } from '../docker/log-follow.js';
import type { RequestObserver } from '../docker/request.js';
import { handleRoute } from './routes.js';
import { attachWebSocket, type WebSocketOptions } from './ws.js';
import { createWharfYoga, type WharfYoga } from './yoga.js';

export interface AppOptions {
  docker: ConnectionSettings;
  observeEngine?: RequestObserver;
  webSocket?: WebSocketOptions;
  followLimits?: FollowLimits;
}

export interface WharfApp {
  server: Server;
  docker: DockerClient;
  yoga: WharfYoga;
  /** Listens; resolves to the URL of /graphql. */
  listen(port: number, host: string): Promise<{ url: string; port: number; host: string }>;
  /** Stops accepting, ends open sockets and streams, closes the engine connections. */
  close(): Promise<void>;
}

export function buildApp(options: AppOptions): WharfApp {
  const docker = createDockerClient({
    settings: options.docker,
    ...(options.observeEngine ? { observe: options.observeEngine } : {}),
    ...(options.followLimits ? { followLimits: options.followLimits } : {}),
  });
  const yoga = createWharfYoga(docker);
  const server = createServer((req, res) => {
    if (handleRoute(docker, req, res)) return;
    void yoga.requestListener(req, res);
  });
  const ws = attachWebSocket(server, yoga, options.webSocket);

  return {
    server,
    docker,
    yoga,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shown}:${address.port}/graphql`, port: address.port, host: address.address });
        });
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ws.close();
      server.closeAllConnections();
      await closed;
      await docker.close();
    },
  };
}

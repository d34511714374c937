// The Engine type and Query.engine: GET /version.
import type { VersionWire } from '../docker/types.js';
import { builder } from './builder.js';

const EngineRef = builder.objectRef<VersionWire>('Engine').implement({
  fields: (t) => ({
    version: t.string({ resolve: (v) => v.Version }),
    apiVersion: t.string({ resolve: (v) => v.ApiVersion }),
    minApiVersion: t.string({ nullable: true, resolve: (v) => v.MinAPIVersion ?? null }),
    os: t.string({ resolve: (v) => v.Os }),
    arch: t.string({ resolve: (v) => v.Arch }),
    kernelVersion: t.string({ resolve: (v) => v.KernelVersion }),
  }),
});

builder.queryField('engine', (t) =>
  t.field({
    type: EngineRef,
    description: 'The engine Wharf talks to (GET /version).',
    resolve: (_root, _args, ctx) => ctx.docker.system.version(ctx.engineCall),
  }),
);

#!/usr/bin/env node
// The `wharf` command: runs src/main.ts through tsx, so the TypeScript sources are the program.
import { register } from 'tsx/esm/api';

// graphql-js checks its own use of types on every call unless told it is in production;
// set before graphql is first imported.
process.env.NODE_ENV ??= 'production';
register();
await import('../src/main.ts');

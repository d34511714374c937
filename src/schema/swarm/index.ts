// The Swarm part of the schema: Engine.swarm and its types, the service mutations, and the serviceLogs subscription.
import './types.js';
import './mutations.js';
import './service-logs.js';

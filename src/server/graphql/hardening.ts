// GraphQL hardening: document limits (graphql-armor), introspection, CSRF prevention and allowed origins.
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { NoSchemaIntrospectionCustomRule, type GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

/** Far above what a real dashboard sends; far below what a bomb needs. */
export const DEFAULT_LIMITS: DocumentLimits = { maxDepth: 12, maxAliases: 50, maxTokens: 5_000, maxCost: 20_000 };

/** Headers that make a request preflighted, so a browser cannot send it cross-site unasked. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'x-wharf-csrf', 'authorization'];

export function hardeningPlugins(options: { limits: DocumentLimits; introspection: boolean }): Plugin[] {
  const { limits } = options;
  // Reported as validation errors, not thrown: a thrown one would end a whole WebSocket connection.
  const report = {
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, error: GraphQLError) => ctx?.reportError(error)],
  };
  const plugins: Plugin[] = [
    maxTokensPlugin({ n: limits.maxTokens }) as Plugin,
    maxDepthPlugin({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report }) as Plugin,
    maxAliasesPlugin({ n: limits.maxAliases, ...report }) as Plugin,
    costLimitPlugin({ maxCost: limits.maxCost, ignoreIntrospection: true, flattenFragments: true, ...report }) as Plugin,
    useCSRFPrevention({ requestHeaders: CSRF_HEADERS }),
  ];
  // A validation rule, so it holds on every transport (Yoga's plugin only sees HTTP requests).
  if (!options.introspection) plugins.push({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
  return plugins;
}

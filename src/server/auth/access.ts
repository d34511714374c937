// Access modes: local (loopback, no tokens, every right), token mode, or the explicit insecure mode.
import { LOCAL_PRINCIPAL, type Principal } from '../../schema/access.js';
import type { CreatePolicy } from '../../schema/create-policy.js';
import { bearerToken, TokenVerifier, type TokenEntry } from './tokens.js';

export type AccessConfig =
  | { mode: 'local' }
  /** --insecure-no-auth: every right for whoever reaches the port. */
  | { mode: 'insecure' }
  | { mode: 'token'; tokens: TokenEntry[]; createPolicy: CreatePolicy };

export type Authentication = { ok: true; principal: Principal } | { ok: false; message: string };

export class AccessControl {
  private readonly verifier: TokenVerifier | undefined;

  constructor(readonly config: AccessConfig) {
    this.verifier = config.mode === 'token' ? new TokenVerifier(config.tokens) : undefined;
  }

  get tokenMode(): boolean {
    return this.config.mode === 'token';
  }

  get createPolicy(): CreatePolicy | undefined {
    return this.config.mode === 'token' ? this.config.createPolicy : undefined;
  }

  /** From an `Authorization` value; without tokens everyone is the local user. Never echoes the token. */
  authenticate(authorization: string | null | undefined): Authentication {
    if (!this.verifier) return { ok: true, principal: LOCAL_PRINCIPAL };
    const token = bearerToken(authorization);
    if (token === undefined) return { ok: false, message: 'Authentication required: send Authorization: Bearer <token>' };
    if (token === null) return { ok: false, message: 'Malformed Authorization header: expected Bearer <token>' };
    const principal = this.verifier.verify(token);
    return principal ? { ok: true, principal } : { ok: false, message: 'Unknown token' };
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '0:0:0:0:0:0:0:1']);

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return LOOPBACK_HOSTS.has(bare) || /^127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:127\./.test(bare);
}

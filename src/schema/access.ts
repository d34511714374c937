// Who may do what: roles, the principal in the context, and what a viewer is not shown.

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a token's name and role, or the local user. */
export interface Principal {
  name: string;
  role: Role;
}

/** The local user, without tokens on loopback: every right, as the docker CLI has on the same machine. */
export const LOCAL_PRINCIPAL: Principal = { name: 'local', role: 'admin' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The scopes of @pothos/plugin-scope-auth, from the principal's role. */
export function scopesFor(principal: Principal) {
  return {
    viewer: true,
    operator: principal.role === 'operator' || principal.role === 'admin',
    admin: principal.role === 'admin',
  };
}

/** `KEY=value` as `KEY=***`: what a viewer sees of environment values. */
export function redactEnv(entries: readonly string[]): string[] {
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    return eq === -1 ? entry : `${entry.slice(0, eq)}=***`;
  });
}

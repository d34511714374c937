// Tokens: the token file, bearer parsing, and constant-time matching by SHA-256.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { isRole, ROLES, type Principal, type Role } from '../../schema/access.js';

export interface TokenEntry {
  name: string;
  role: Role;
  /** Hex SHA-256 of the token; the token itself is never stored. */
  sha256: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token and the entry to add to the token file. */
export function createToken(name: string, role: Role): { token: string; entry: TokenEntry } {
  const token = `wharf_${randomBytes(32).toString('base64url')}`;
  return { token, entry: { name, role, sha256: hashToken(token) } };
}

/** Reads and checks a token file: a JSON array of `{name, role, sha256}`. Throws with a clear message. */
export function loadTokenFile(path: string): TokenEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`The token file ${path} cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new Error(`The token file ${path} must be a non-empty JSON array of {"name", "role", "sha256"}`);
  }
  return parsed.map((entry: unknown, index) => {
    const { name, role, sha256 } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || !name) throw new Error(`Token entry ${index} has no name`);
    if (!isRole(role)) throw new Error(`Token entry "${name}" has role ${JSON.stringify(role)}; roles are ${ROLES.join(', ')}`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256)) {
      throw new Error(`Token entry "${name}" needs sha256: the hex SHA-256 of its token`);
    }
    return { name, role, sha256: sha256.toLowerCase() };
  });
}

/** Matches presented tokens against the file's hashes in constant time (every entry is compared). */
export class TokenVerifier {
  private readonly entries: Array<{ principal: Principal; digest: Buffer }>;

  constructor(entries: TokenEntry[]) {
    this.entries = entries.map((entry) => ({
      principal: { name: entry.name, role: entry.role },
      digest: Buffer.from(entry.sha256, 'hex'),
    }));
  }

  verify(token: string): Principal | undefined {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && !found) found = entry.principal;
    }
    return found;
  }
}

/** The token of an `Authorization: Bearer <token>` value; undefined when absent, null when malformed. */
export function bearerToken(header: string | null | undefined): string | undefined | null {
  if (header === undefined || header === null || header === '') return undefined;
  const match = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i.exec(header);
  return match ? (match[1] as string) : null;
}

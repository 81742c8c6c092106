import { randomInt } from 'node:crypto';
import { hashSecret, newId, newSecret } from '../../db/ids.ts';
import type { VisitorRow, VisitorsRepository } from './visitors.repository.ts';

/** No 0/O or 1/I, so agents can read a label aloud to each other. */
const LABEL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface IdentifiedVisitor {
  visitor: VisitorRow;
  /** The token to hand back to the browser: the one it presented, or a new one. */
  token: string;
  isNew: boolean;
}

export class VisitorsService {
  constructor(private readonly repo: VisitorsRepository) {}

  /**
   * Finds the visitor that owns `token` on this site, or mints a new visitor.
   * A token from another site, or an unknown one, never reaches an existing
   * visitor: it just starts a fresh identity.
   */
  identify(siteId: string, token: string | undefined): IdentifiedVisitor {
    const now = Date.now();
    if (token) {
      const found = this.repo.bySiteAndTokenHash(siteId, hashSecret(token));
      if (found) {
        this.repo.touch(found.id, now);
        return { visitor: { ...found, lastSeenAt: now }, token, isNew: false };
      }
    }
    const fresh = newSecret();
    const visitor: VisitorRow = {
      id: newId('vis'),
      siteId,
      tokenHash: hashSecret(fresh),
      label: newLabel(),
      createdAt: now,
      lastSeenAt: now,
    };
    this.repo.insert(visitor);
    return { visitor, token: fresh, isNew: true };
  }
}

function newLabel(): string {
  let label = '';
  for (let i = 0; i < 5; i += 1) label += LABEL_ALPHABET[randomInt(LABEL_ALPHABET.length)];
  return `#${label}`;
}

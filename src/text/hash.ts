import { hash } from 'node:crypto';

/**
 * The hex SHA-256 of a text (as UTF-8) or bytes: how inputs, units and outputs are
 * compared. Node's one-shot `hash` makes no Hash object: a build takes thousands.
 */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

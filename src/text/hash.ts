import { createHash } from 'node:crypto';

/** The hex SHA-256 of a text or bytes: how inputs, units and outputs are compared. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

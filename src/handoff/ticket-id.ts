import { randomInt } from 'node:crypto';

/** Letters and digits a player can read out over the phone without confusion (no 0/O, 1/I/L, U). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A short ticket id like `T-7Q2K` (BullMQ job ids may not contain ':'). */
export function newTicketId(length = 4): string {
  let id = 'T-';
  for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

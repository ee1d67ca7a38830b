import type { Facts } from '../core/facts.js';
import type { Message } from '../core/schemas.js';
import type { ArticleArchive, ArticleVersion } from '../knowledge/archive.js';
import type { Note, Ticket } from '../core/ticket.js';
import type { TicketViews } from './views.js';

export interface CaseFile {
  exportedAt: string;
  ticket: Ticket;
  facts: Facts;
  notes: Note[];
  transcript: Message[];
  citedArticles: Array<ArticleVersion | { id: string; hash: string; missing: true }>;
  /** Every piece of the player's own data the bot showed them (player API), with when it was read and when shown. */
  accountDataShown: Array<{ messageId: string; shownAt: string; readAt: string; shown: Record<string, unknown> }>;
}

/** A ticket's whole case for export: transcript, notes, facts, and every article version the bot cited. */
export async function caseFile(ticketId: string, views: TicketViews, archive: ArticleArchive): Promise<CaseFile> {
  const view = await views.ticket(ticketId);
  const cited = new Map<string, { id: string; hash: string }>();
  for (const message of view.transcript) {
    for (const citation of message.citations ?? []) if (citation.hash) cited.set(`${citation.id}:${citation.hash}`, { id: citation.id, hash: citation.hash });
  }
  const citedArticles = await Promise.all([...cited.values()].map(async ({ id, hash }) => (await archive.get(id, hash)) ?? { id, hash, missing: true as const }));
  const accountDataShown = view.transcript.flatMap((message) => (message.accountData ? [{ messageId: message.id, shownAt: message.at, ...message.accountData }] : []));
  return { exportedAt: new Date().toISOString(), ticket: view.ticket, facts: view.ticket.facts, notes: view.notes, transcript: view.transcript, citedArticles, accountDataShown };
}

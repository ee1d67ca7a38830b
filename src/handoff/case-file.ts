import type { Facts } from '../core/facts.js';
import type { Message } from '../core/schemas.js';
import type { ArticleArchive, ArticleVersion } from '../knowledge/archive.js';
import type { Attachments } from '../attachments/index.js';
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
  /** Every file sent in the conversation, with its SHA-256 (missing: no longer described in the live store). */
  attachments: Array<{ messageId: string; id: string; name: string; contentType: string; size: number; from: string; sentAt: string; sha256?: string; missing?: true }>;
}

/** A ticket's whole case for export: transcript, notes, facts, and every article version the bot cited. */
export async function caseFile(ticketId: string, views: TicketViews, archive: ArticleArchive, files: Pick<Attachments, 'get'>): Promise<CaseFile> {
  const view = await views.ticket(ticketId);
  const cited = new Map<string, { id: string; hash: string }>();
  for (const message of view.transcript) {
    for (const citation of message.citations ?? []) if (citation.hash) cited.set(`${citation.id}:${citation.hash}`, { id: citation.id, hash: citation.hash });
  }
  const citedArticles = await Promise.all([...cited.values()].map(async ({ id, hash }) => (await archive.get(id, hash)) ?? { id, hash, missing: true as const }));
  const accountDataShown = view.transcript.flatMap((message) => (message.accountData ? [{ messageId: message.id, shownAt: message.at, ...message.accountData }] : []));
  const attachments = await Promise.all(
    view.transcript.flatMap((message) =>
      (message.attachments ?? []).map(async (file) => {
        const sha256 = file.sha256 ?? (await files.get(file.id))?.sha256;
        return { messageId: message.id, ...file, from: message.from, sentAt: message.at, ...(sha256 ? { sha256 } : { missing: true as const }) };
      }),
    ),
  );
  return { exportedAt: new Date().toISOString(), ticket: view.ticket, facts: view.ticket.facts, notes: view.notes, transcript: view.transcript, citedArticles, accountDataShown, attachments };
}

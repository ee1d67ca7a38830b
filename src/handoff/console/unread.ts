/** Player messages the agent has not seen yet, per ticket they hold; opening a ticket reads them. */
export class UnreadCounts {
  private readonly unread = new Map<string, Set<number>>();

  /** A player message, by its place in the transcript: the same message told twice counts once. */
  add(ticketId: string, seq: number): void {
    const messages = this.unread.get(ticketId) ?? new Set<number>();
    messages.add(seq);
    this.unread.set(ticketId, messages);
  }

  read(ticketId: string): void {
    this.unread.delete(ticketId);
  }

  /** Forgets the tickets the agent no longer holds (resolved, released, transferred). */
  keepOnly(held: ReadonlySet<string>): void {
    for (const ticketId of this.unread.keys()) if (!held.has(ticketId)) this.unread.delete(ticketId);
  }

  of(ticketId: string): number {
    return this.unread.get(ticketId)?.size ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const messages of this.unread.values()) sum += messages.size;
    return sum;
  }
}

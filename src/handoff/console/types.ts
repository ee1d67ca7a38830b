// The agent API's answers as the console reads them.
import type { AttachmentRef } from '../../browser/attachments.js';
import type { EarlierTicket } from '../views.js';

export interface Message { id: string; seq: number; from: 'player' | 'bot' | 'agent' | 'system'; text: string; at: string; author?: string; attachments?: AttachmentRef[] }
export interface Ticket {
  id: string; reason: string; status: 'queued' | 'assigned' | 'resolved'; channel: string; locale: string; summary: string;
  facts: Record<string, string>; createdAt: string; resolvedAt?: string; agentId?: string; agentName?: string;
  /** Complaint clock: acknowledgement and final response due, and when an agent first replied (which acknowledges). */
  ackDueAt?: string; finalDueAt?: string; firstReplyAt?: string;
}
export interface QueueEntry { ticket: Ticket; position?: number; waitingSeconds: number }
export interface TicketView {
  ticket: Ticket; position?: number; transcript: Message[];
  notes: Array<{ at: string; agentName: string; text: string }>;
  suggestions: Array<{ title: string; heading: string; text: string }>;
  conversation: { name?: string; mode: string; playerId?: string };
  assist?: { summary: string; draft: string; citations: Array<{ title: string }> };
  earlier?: EarlierTicket[];
}
export interface Agent { id: string; name: string; email: string; role?: string }

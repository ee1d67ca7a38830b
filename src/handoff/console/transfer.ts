// Handing a ticket on: to an online colleague who serves its language, or to a team.
import { el } from '../../browser/sse.js';
import { t } from './i18n.js';
import type { Ticket } from './types.js';

export interface TeamMember { id: string; email: string; name: string; languages: string[]; role: string; presence: 'online' | 'away'; online: boolean; holding: number; maxChats: number }
export interface Roster { agents: TeamMember[]; teams: string[] }

export interface TransferOptions {
  /** The agents and teams now (read when the agent opens the control). */
  roster(): Promise<Roster>;
  myId: string | undefined;
  /** Sends the transfer; a refusal is thrown and shown by the caller. */
  transfer(to: string): Promise<void>;
  attempt(run: () => Promise<unknown>): Promise<unknown>;
}

/** A disclosure with the colleagues and teams the ticket can go to, and a button to send it there. */
export function transferControl(ticket: Ticket, options: TransferOptions): HTMLElement {
  const details = el('details', 'transfer');
  const summary = el('summary', undefined, t('transfer'));
  const form = el('form', 'transfer__form');
  const select = el('select');
  select.id = 'transfer-to';
  const label = el('label', undefined, t('transferTo'));
  label.htmlFor = select.id;
  const send = el('button', 'primary', t('transferSend'));
  send.type = 'submit';
  form.append(label, select, send);
  details.append(summary, form);
  details.addEventListener('toggle', () => {
    if (!details.open) return;
    void options.attempt(async () => fill(select, send, await options.roster(), ticket, options.myId));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!select.value) return;
    void options.attempt(() => options.transfer(select.value));
  });
  return details;
}

function fill(select: HTMLSelectElement, send: HTMLButtonElement, roster: Roster, ticket: Ticket, myId: string | undefined): void {
  const colleagues = roster.agents.filter(
    (agent) => agent.id !== myId && agent.id !== ticket.agentId && agent.online && (agent.languages.length === 0 || agent.languages.includes(ticket.locale)),
  );
  const groups: HTMLOptGroupElement[] = [];
  if (colleagues.length > 0) {
    const group = el('optgroup');
    group.label = t('transferAgents');
    for (const agent of colleagues) {
      const option = el('option', undefined, t('transferAgent', { name: agent.name, holding: agent.holding, max: agent.maxChats }));
      option.value = agent.email;
      option.disabled = agent.holding >= agent.maxChats;
      group.append(option);
    }
    groups.push(group);
  }
  if (roster.teams.length > 0) {
    const group = el('optgroup');
    group.label = t('transferTeams');
    for (const team of roster.teams) {
      const option = el('option', undefined, team);
      option.value = team;
      group.append(option);
    }
    groups.push(group);
  }
  select.replaceChildren(...groups);
  if (groups.length === 0) select.append(el('option', undefined, t('transferNobody')));
  send.disabled = groups.length === 0;
}

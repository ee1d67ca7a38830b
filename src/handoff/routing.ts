import type { AgentProfile } from './schemas.js';

/**
 * Whether the agent serves tickets of this language and team: the language among theirs (none
 * listed: all), and, when they are in teams, the ticket's team among them (a ticket with no team goes
 * to agents in none).
 */
export function serves(agent: Pick<AgentProfile, 'languages' | 'teams'>, ticket: { locale: string; team?: string | undefined }): boolean {
  if (agent.languages.length > 0 && !agent.languages.includes(ticket.locale as AgentProfile['languages'][number])) return false;
  return agent.teams.length === 0 || (ticket.team !== undefined && agent.teams.includes(ticket.team));
}

import { runAgentCommand } from './agent-cli.js';

runAgentCommand({
  name: 'agent:list',
  synopsis: '',
  description: 'Lists the agents who can log in: e-mail, name, languages, teams, role, max chats, gender and when they were added (never password hashes).',
  options: {},
  async run(_values, agents) {
    const rows = (await agents.list()).map((agent) => [
      agent.email,
      agent.name,
      agent.languages.join(',') || 'all',
      agent.teams.join(',') || '-',
      agent.role,
      String(agent.maxChats),
      agent.gender ?? '-',
      agent.createdAt,
    ]);
    if (rows.length === 0) {
      console.log('No agents yet. Add one with: npm run agent:add -- --email anna@example.com --name Anna');
      return;
    }
    const table = [['EMAIL', 'NAME', 'LANGUAGES', 'TEAMS', 'ROLE', 'MAX CHATS', 'GENDER', 'CREATED'], ...rows];
    const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
    for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
  },
});

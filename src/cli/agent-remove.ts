import { emailOption, runAgentCommand } from './agent-cli.js';

runAgentCommand({
  name: 'agent:remove',
  synopsis: '--email anna@example.com',
  description: [
    'Removes an agent: they can no longer log in, and every session they have open ends at once.',
    'Tickets they held go back to the queue when their lock runs out.',
    '  --email   the agent\'s e-mail address (see npm run agent:list)',
  ].join('\n'),
  options: { email: { type: 'string' } },
  async run(values, agents) {
    const email = emailOption(values.email);
    await agents.remove(email);
    console.log(`Agent <${email}> removed; their sessions have ended.`);
  },
});

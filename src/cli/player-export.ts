import { writeFile } from 'node:fs/promises';
import { runCommand } from './command.js';
import { describeSelector, PlayerDataSources, selectorOption, selectorOptions } from './player-data.js';

runCommand({
  name: 'player:export',
  synopsis: '--player ID | --conversation KEY [--out FILE]',
  description: [
    "Exports everything kept of a player for a data-protection request, as one JSON document: each of their",
    'conversations with its whole transcript, tickets with their events, notes and ratings, from the system of',
    'record and from what Redis holds that the record has not copied yet.',
    '  --player         the player\'s id: their chat id on a channel (a Telegram user id, a WhatsApp number), on every channel',
    '  --conversation   one conversation by its key, e.g. telegram:12345',
    '  --out            write the document to this file (readable by its owner only) instead of printing it',
  ].join('\n'),
  options: { ...selectorOptions, out: { type: 'string' } },
  async run(values, { config, redis, record }) {
    const selector = selectorOption(values);
    const sources = new PlayerDataSources(config, redis, await record());
    const { conversations } = await sources.read(await sources.keysOf(selector));
    if (conversations.length === 0) throw new Error(`Found nothing for ${describeSelector(selector)} in the system of record or in Redis.`);
    const document = `${JSON.stringify({ exportedAt: new Date().toISOString(), request: selector, conversations }, null, 2)}\n`;
    if (!values.out) {
      process.stdout.write(document);
      return;
    }
    await writeFile(values.out, document, { mode: 0o600 });
    console.log(`Exported ${conversations.length} conversation(s) for ${describeSelector(selector)} to ${values.out}.`);
  },
});

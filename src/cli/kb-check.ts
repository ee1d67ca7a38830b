import { checkKnowledgeDir } from '../knowledge/check.js';
import { runCli } from './command.js';

runCli({
  name: 'kb:check',
  synopsis: '[--dir knowledge]',
  description: [
    'Checks the knowledge base: front matter, question keys, tags, duplicate ids, translations, kb: links,',
    'language and triage files, team replies. Lists every error and warning; exits 1 when there is an error.',
    '  --dir   the knowledge folder (default: KNOWLEDGE_DIR, else knowledge)',
  ].join('\n'),
  options: { dir: { type: 'string' } },
  async run(values) {
    const dir = values.dir ?? process.env.KNOWLEDGE_DIR ?? 'knowledge';
    const problems = await checkKnowledgeDir(dir);
    const errors = problems.filter((p) => p.level === 'error');
    const warnings = problems.filter((p) => p.level === 'warning');
    for (const problem of problems) console.log(`${problem.level === 'error' ? 'ERROR  ' : 'warning'} ${problem.file}: ${problem.message}`);
    console.log(`\nkb:check ${dir}/ — ${errors.length} error(s), ${warnings.length} warning(s)`);
    if (errors.length > 0) process.exitCode = 1;
  },
});

import { parseArgs } from 'node:util';
import { checkKnowledgeDir } from '../knowledge/check.js';

const { values } = parseArgs({ options: { dir: { type: 'string', default: process.env.KNOWLEDGE_DIR ?? 'knowledge' } } });
const dir = values.dir!;
const problems = await checkKnowledgeDir(dir);
const errors = problems.filter((p) => p.level === 'error');
const warnings = problems.filter((p) => p.level === 'warning');
for (const problem of problems) console.log(`${problem.level === 'error' ? 'ERROR  ' : 'warning'} ${problem.file}: ${problem.message}`);
console.log(`\nkb:check ${dir}/ — ${errors.length} error(s), ${warnings.length} warning(s)`);
process.exit(errors.length > 0 ? 1 : 0);

import { type CheckProblem, unloadable } from './check-problem.js';
import { KB_LOCALES } from './schemas.js';
import { type ReplyLoadResult, replyFile, type TeamReply } from './team-reply-files.js';

/**
 * What kb:check reports about the team replies: files that cannot be served (front matter, empty
 * text, unknown placeholders), a shortcut used twice in one language, and a reply missing in a
 * language or known there by another shortcut — all errors, because an agent who types a shortcut
 * on a ticket in that language would get nothing, or the wrong reply.
 */
export function checkTeamReplies({ replies, errors }: ReplyLoadResult): CheckProblem[] {
  const problems = errors.map(unloadable);
  const broken = new Set(errors.map((error) => error.file));
  const fileOf = (reply: TeamReply) => replyFile(reply.locale, reply.name);

  const byShortcut = new Map<string, TeamReply>();
  for (const reply of replies) {
    const key = `${reply.locale}:${reply.shortcut}`;
    const first = byShortcut.get(key);
    if (first) problems.push({ level: 'error', file: fileOf(reply), message: `shortcut "${reply.shortcut}" is already used by ${fileOf(first)}: give each reply its own` });
    else byShortcut.set(key, reply);
  }

  const byName = new Map<string, TeamReply[]>();
  for (const reply of replies) byName.set(reply.name, [...(byName.get(reply.name) ?? []), reply]);
  for (const [name, versions] of byName) {
    for (const locale of KB_LOCALES) {
      if (!versions.some((reply) => reply.locale === locale) && !broken.has(replyFile(locale, name))) {
        problems.push({ level: 'error', file: replyFile(locale, name), message: `missing translation of reply "${name}" (exists in ${versions.map((r) => r.locale).join(', ')})` });
      }
    }
    const model = versions[0]!;
    for (const version of versions.slice(1)) {
      if (version.shortcut !== model.shortcut) {
        problems.push({ level: 'error', file: fileOf(version), message: `shortcut "${version.shortcut}" differs from "${model.shortcut}" in ${fileOf(model)}: use the same shortcut in every language` });
      }
    }
  }
  return problems;
}

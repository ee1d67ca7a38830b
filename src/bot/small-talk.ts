import { normalize } from '../knowledge/analysis.js';

/** Greetings and "what can you do" in every supported language (letters folded as in `normalize(…, 'az')`). */
const GREETING =
  /^(hi|hello|hey|yo|good (morning|afternoon|evening)|привет|здравствуй(те)?|добрый (день|вечер)|доброе утро|salam|salamlar|sabahiniz xeyir|axsaminiz xeyir|merhaba|selam|iyi gunler)(?=\s|$)\s*/u;
const HELP = [
  /^(help|start|menu|помощь|помогите|меню|старт|komek|menyu|yardim)$/,
  /^(what|how) can (you|u) (do|help( me)?( with)?)$/,
  /^(что|чем) (ты |вы )?(умеешь|умеете|можешь|можете|поможешь|поможете)$/,
  /^(ne|nece) (komek )?ede biler(sen|siniz|siz)$/,
];
const FILLER = /(?<=^|\s)(there|please|pls|bot|пожалуйста|бот|zehmet olmasa)(?=\s|$)/gu;

/** True for a message that only greets and/or asks what the bot can do (punctuation and emoji ignored). */
export function isGreetingOrHelp(text: string): boolean {
  const cleaned = normalize(text, 'az')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(FILLER, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const rest = cleaned.replace(GREETING, '').trim();
  if (rest !== cleaned && rest === '') return true;
  return HELP.some((pattern) => pattern.test(rest));
}

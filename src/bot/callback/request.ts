import { matchText } from '../../knowledge/analysis.js';

/** No letter right before: `\b` only knows ASCII letters, and these phrases are Cyrillic and Azerbaijani too. */
const START = '(?<!\\p{L})';

/**
 * Asking to be phoned, in the words players use (matched on `matchText`: lower case, Azerbaijani
 * and Turkish letters folded to ASCII, ё as е). Imperatives and requests only: "I called you
 * yesterday" or "how do I call support?" ask for nothing.
 */
const ASKS = [
  // English
  `${START}(call|phone|ring) me(?!\\p{L})`,
  `${START}(give me|request|book|arrange|schedule|want|need|get) (a|an) ?(phone ?)?(call|call-?back)(?!\\p{L})`,
  `${START}(can|could|would|will) (you|someone|somebody|an agent|a person|support) (please )?(call|phone|ring)(?!\\p{L})`,
  `${START}call-?back (please|request)`,
  `^(please )?call-?back[.!]*$`,
  // Russian
  `${START}перезвон(ите|и|ить)`,
  `${START}(позвон|набер)(ите|и) (мне|меня)`,
  `${START}(мне|меня) (можно )?(позвон|набер)(ите|ить|и)`,
  `${START}(можете|можно|могли бы) (мне )?(позвонить|перезвонить|набрать)`,
  `${START}(обратн\\p{L}* звон\\p{L}*|заказ\\p{L}* звон\\p{L}*|звонок (мне|от вас))`,
  `${START}свяжитесь со мной по телефону`,
  // Azerbaijani (ə→e, ı→i, ş→s, ç→c, ğ→g)
  `${START}(mene|bize) (geri )?zeng (ed|vur|ele)(in|e bilersiniz|erdiniz|e bilersen|sin)?(?!\\p{L})`,
  `${START}geri zeng`,
  `${START}zeng (edin|vurun|sifaris)`,
  `${START}(meni|bizi) (telefonla )?(axtarin|yigin)(?!\\p{L})`,
  // Turkish
  `${START}(beni|bizi) (geri )?ara(yin|yiniz|r misiniz|yabilir misiniz|yabilirsiniz|sin|saniz)?(?!\\p{L})`,
  `${START}geri (arama|arayin|ara)(?!\\p{L})`,
].map((pattern) => new RegExp(pattern, 'u'));

/** Saying the opposite: "don't call me", "не звоните", "zəng etməyin", "beni aramayın". */
const REFUSALS = [`${START}(don'?t|do not|never|stop) (call|phon|ring)`, `${START}не (пере)?звон`, `${START}zeng (etmeyin|vurmayin)`, `${START}aramay`].map(
  (pattern) => new RegExp(pattern, 'u'),
);

/** True when the message asks the operator to phone the player. */
export function asksForCallback(text: string): boolean {
  const said = matchText(text);
  return ASKS.some((ask) => ask.test(said)) && !REFUSALS.some((refusal) => refusal.test(said));
}

import type { HandoffReason } from '../../conversation/schemas.js';

/**
 * Offline triage patterns. Text is matched after `normalize(text, 'az')`: lowercase, ё→е, and the
 * Azerbaijani/Turkish letters folded to ASCII (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u), so Azerbaijani
 * patterns are written folded and match both spellings. All languages are tried on every message:
 * players mix them. Every pattern stays linear in the message length (triage reads all of it): a
 * gap between two parts is bounded (`.{0,120}`, never `.*`), and no two unbounded repetitions
 * can share the same characters.
 */
export type Lexicon = Record<Exclude<HandoffReason, 'unresolved'>, RegExp[]> & { unresolved: RegExp[] };

const W = '[\\p{L}\\p{N}]'; // a word character, Unicode-aware
const word = (body: string) => new RegExp(`(?<!${W})(?:${body})(?!${W})`, 'u');
const stem = (body: string) => new RegExp(`(?<!${W})(?:${body})`, 'u');

export const lexicon: Lexicon = {
  responsible_gambling: [
    // chasing losses
    word("(win|get|earn|make) (it|them|that|my (money|losses|loss|cash)|everything|all of it|what i lost)( [\\p{L}\\p{N}]+)? back"),
    stem('chas(e|ing) (my )?loss|win back|recoup|get back what i lost|maxed (out )?(my |one |a |the |two )?(credit )?cards?|maxed (it|one|them) out'),
    stem('recover (my )?loss'),
    stem('отыграться|отыгрываться|отыграюсь|отыграю(сь)? (все|всё|проигр|обратно)|вернуть (все|всё)? ?(что )?проигр|отбить (проигр|деньги)'),
    stem('(uduzdu[gq]umu|uduzdugum|itirdiyimi|uduzdugum pulu) (geri )?(qaytar|cixar|al)|geri (udmaq|qaytarmaq) ucun'),
    stem("otygrat'?sya|otygrayus|otbit'? (proigr|dengi)"),
    stem('kaybettiklerimi geri|kaybimi (geri|cikar)'),
    // can't stop, addiction, loss of control
    word("(can'?t|cannot|can not|unable to|don'?t know how to) (stop|quit|control)( (gambling|playing|betting|myself))?"),
    stem('addict|gambling problem|problem gambl|compulsive|out of control|lost control|obsess'),
    stem('не (могу|получается|в силах) (остановиться|перестать|бросить|контролир)|не остановиться'),
    stem('зависим|игромани|лудомани|лудоман|подсел на'),
    stem('dayana bilmir|ozumu (saxlaya|idare ede) bilmir|oynamagi (dayandira|tergide|ata) bilmir|asili(yam|liq|ligim)|qumar (xestel|asili)'),
    stem('kendimi durduramiyorum|birakamiyorum|bagimli'),
    stem("ne mogu (ostanovit|perestat|brosit)|zavisim|igroman|ludoman"),
    // borrowing or money meant for essentials
    word("borrow(ed|ing)?|loan|pawn(ed)?|payday|took a credit|credit card debt|in debt|rent money|lost (my|all my|the) (rent|salary|savings|paycheck|wages)|lost everything|spent (all|everything|my (salary|savings|rent))"),
    stem('в долг|занял|заняла|займ|кредит|микрозайм|проиграл[аи]? (все|всё|всю|зарплат|последн|сбережен|квартплат)|заложил'),
    stem('borc (alib|aldim|goturub|goturdum|alaraq)|kredit (goturub|goturdum|alib|aldim|alaraq)|maasimi|butun pulumu|her seyimi uduzdum|son pulumu'),
    stem('(vzyal|vzyala|vzial|vzyali) (kredit|zaym|zajm|v dolg)|kredit,? chtoby|v dolg,? chtoby|zanyal,? chtoby|proigral[ai]? (vse|vsyo|vsyu|zarplat|poslednie)'),
    // asks for exclusion or a block
    word("(i want|i'?d like|i need|please|pls|want|wanna|help me) (to )?(self[- ]?exclude|be (self[- ])?excluded|exclude myself)|self[- ]?exclude me|exclude me|block me|ban me|block my account (for|so|because)|close my account (for|so|because).{0,120}(gambl|addict|stop|control)|i need (a|to take a) break from (gambling|playing)"),
    stem('(хочу|нужно|нужен|прошу|оформите|сделайте|поставьте|помогите)\\s+(мне\\s+)?(оформить\\s+|сделать\\s+|поставить\\s+)?самоисключ|самоисключите|исключите меня|заблокируйте (меня|мне|мой аккаунт)|закройте мне доступ|ограничьте мне|не давайте мне играть|удалите мой аккаунт.{0,120}(игр|зависим|остановиться)'),
    stem('ozumu istisna etmek isteyirem|ozumu istisna edin|meni (blokla|bloklay|qadaga|istisna)|hesabimi (bagla|blokla).{0,120}(dayana|saxlaya|asili|oynamaq istemirem)'),
    // distress
    word('suicid[\\p{L}\\p{N}]*|kill myself|end (it all|my life)|want to die|no reason to live|ruined my life|i am desperate|im desperate|hopeless'),
    stem('суицид|покончить с собой|не хочу жить|жить не хочу|жить не хочется|не хочется жить|нет смысла жить|разрушил[аи]? (свою )?жизнь|в отчаянии|деньги (на|для) (квартплат|аренд|еду|лекарств|ипотек|коммуналк)'),
    stem('intihar|yasamaq istemirem|heyatimi mehv'),
  ],
  dispute: [
    word('scam(mers?|med)?|fraud[\\p{L}\\p{N}]*|rigged|cheat(ing|ed|ers|s)?|thie(f|ves)|stole (my|from)|steal(ing)? my|unfair[\\p{L}\\p{N}]*|rip[- ]?off|robbed|liars?'),
    word('(confiscat|seiz|void|cancel|annul)[\\p{L}\\p{N}]* (my |all my |the )?(win|winnings|balance|money|payout)'),
    word('(took|take|taken|stole|removed|keep|kept) (away )?my (win|winnings|money|balance|payout)'),
    word("(refus[\\p{L}\\p{N}]*|won'?t|will not|never) (to )?(pay|paying)( me| out)?|you (don'?t|do not|didn'?t|did not) pay( me| out)?|refus[\\p{L}\\p{N}]* my (withdrawal|payout|cashout)"),
    word("(i'?ll|i will|going to|gonna|i'?m going to|will|about to) .{0,25}(chargeback|charge back|charge it back)|(do|doing|file|open|start) a (chargeback|charge back)|chargeback (it|you|this)|dispute (the|this|my) (charge|payment|transaction)|(my )?lawyer|sue you|take you to court|report you|regulator|police"),
    word("i (want|wish|would like|'d like|need) to (file|make|lodge|submit|raise|open) a (formal )?(complaint|dispute)|this is (a|my) (formal )?complaint"),
    stem('лохотрон|развод(?![\\p{L}])|развод(и|ят|ила|или|илово)|мошенни|обман(ул|щик|ываете)|кидал|кинули|украли|воры|ворует|подкру(т|ч)|нечестн|несправедлив'),
    stem('moshenn|lohotron|razvod|obman|kidal|kinuli|ukrali|(otmenili|annulir[\\p{L}]*|zabrali|obnulili) (moi |moy |moj )?(vyigr|balans|dengi)|nechestn'),
    stem('(аннулир|обнул|отобрал|забрал|конфиск|списал)[\\p{L}\\p{N}]* (мой |мои |весь )?(выигрыш|баланс|деньги)'),
    stem('не (выплачива|выплатил|платит|платите|отдаете|отдали|возвращаете)|отказ[\\p{L}\\p{N}]* в (выплат|вывод)'),
    stem('(сделаю|делать|оформлю|подам|подаю|буду|иду)[\\p{L}]* .{0,25}(чарджб|chargeback)|иду в банк|оспорю (платеж|списание)|в суд|юрист|регулятор|полици|прокуратур'),
    stem('(хочу|буду) (подать|написать|оставить) (официальную )?жалоб|это (официальная )?жалоба|претензи'),
    stem('deleduz|firildaq|saxtakar|aldat|ogurla|oyununuz saxta|saxtadir|haqsizliq|edaletsiz'),
    stem('(udusumu|uduslarimi|balansimi|pulumu) (legv|sil|goturdunuz|aldiniz|mesadire)|(udusumu|pulumu) (vermir|odemir)|odemirsiniz|odemediniz'),
    stem('sikayet (etmek|yazmaq|vermek) istey|chargeback (edecem|edeceyem|edirem|edeceyem)|mehkeme|huquqsunas|vekil|polise|tenzimley|lohotron|musadire'),
    stem('dolandirici|hile(li|ci)|kazancimi (iptal|vermiyor)'),
  ],
  technical_failure: [],
  account_specific: [
    word("where('s| is| are) my (money|withdrawal|withdrawl|deposit|payout|cashout|cash out|winnings|bonus|funds|refund|free spins)|where('s| is| are) the (money|withdrawal|withdrawl|deposit|payout|cashout|winnings|funds) (i|that i|which i|from)"),
    word("(check|look at|look into) my (account|balance|withdrawal|deposit|documents?|verification|transaction|payment|bonus)|(can|could) (you|u) (please |pls )?(check|look)|(on|in) my (account|balance|profile)"),
    word("(did|has|have|is|was) my ([\\p{L}\\p{N}]+ ){0,2}(withdrawal|withdrawl|deposit|payout|cashout|verification|documents?|id|upload|kyc|payment|bonus|account|balance)|my ([\\p{L}\\p{N}]+ ){0,2}(withdrawal|withdrawl|deposit|payout|cashout|verification|documents?|payment) (says|shows|status)|since (monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week|\\d+ days)"),
    word("(deposit|deposited|withdrawal|cashout|payment|money|funds|transfer)[\\p{L}]* .{0,40}(not showing|not there|not credited|never (came|arrived)|didn'?t (arrive|come|show))"),
    word("my ([\\p{L}\\p{N}]+ ){0,2}(withdrawal|withdrawl|deposit|payout|cashout|verification|documents?|kyc|account|balance|bonus|money|funds|free spins|limit)( request)? (is |was |has |have |are |got |been )*(still|not|never|n't|stuck|pending|blocked|locked|suspended|frozen|missing|gone|disappeared|rejected|declined|refused|cancel+ed|zero|0|empty|wrong)"),
    word("why (is|was|did|does|has|have|hasn'?t|haven'?t|isn'?t|wasn'?t|got) my (balance|account|withdrawal|deposit|verification|bonus|payout|money|documents?|limit)"),
    word("(account|balance|profile) (is |got |has been |was )?(blocked|locked|suspended|closed|restricted|frozen|disabled)"),
    word("(i|we) (deposited|withdrew|requested|made a withdrawal|sent|uploaded) .{0,40}(still|not (arrived|received|credited|there|showing|approved)|nothing (came|arrived|happened))"),
    stem('где (мой|мои|моя|мое|моё) (вывод|выигрыш|депозит|деньги|выплат|бонус|фриспин|средств)|где (мои )?деньги|(проверьте|проверь|посмотрите|гляньте|уточните)'),
    stem('(висит|в обработке|на проверке|в статусе|жду|не пришл|не зачисл|не поступ)[\\p{L}]* .{0,30}(уже|с (понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|вчера|утра)|\\d+ ?(час|дн|недел|мин))|(уже|с (понедельник|вторник|сред|четверг|пятниц|суббот|воскресень|вчера)) .{0,20}(висит|жду|в обработке|не приход)|уже (неделю|месяц|\\d+ ?(час|дн|недел))'),
    stem('(загрузил|отправил|закинул|пополнил|вывел|заказал|внес|сделал вывод)[\\p{L}]* .{0,60}(не пришл|не зачисл|не вижу|нету|проверили|проверьте|не отображ)'),
    stem('gde (moi|moy|moj|moya|moe) (vyvod|dengi|vyigrysh|depozit)|(vyvod|depozit|dengi|zayavk)[\\p{L}]* .{0,30}(uzhe|ne prishl|ne zachisl|visit)|proverte'),
    stem('(провер|посмотр)[\\p{L}\\p{N}]* (мой|мою|мои|моё|мое) (аккаунт|счет|счёт|баланс|вывод|заявк|документ|верификац|депозит)'),
    stem('почему (у меня )?(на )?(баланс|аккаунт|вывод|заявк|верификац|депозит|счет|счёт)|(мой|моя|мои) (вывод|заявка|депозит|аккаунт|баланс|верификация|документы)[\\p{L}\\p{N}]* (до сих пор|все ещ|всё ещ|еще не|ещё не|не |уже |висит|заблок|отклон|пропал)'),
    stem('(аккаунт|счет|счёт|профиль) (заблокир|закрыл|ограничен|заморож)|заблокировали (мой |меня|аккаунт)'),
    stem('(вывод|заявк|депозит|деньги|пополнени|выплат)[\\p{L}\\p{N}]* .{0,40}(до сих пор|уже \\d+|не пришл|не зачисл|не поступ|не вижу|нет на балансе|не отображ)'),
    stem('(menim|mənim) (balans|hesab|cixaris|vivod|vıvod|depozit|verifikasiya|pul|bonus|sened|limit)'),
    stem('(cixaris|vivod|vıvod|pul|depozit|bonus|udus|sifaris|zayavka|balans|hesab|sened|verifikasiya)[^\\P{L}m]*m[\\p{L}]* .{0,40}(hardadi|hani|gelmeyib|gelmedi|yoxdur|itib|gorunmur|legv|niye|bloklan|gozleme|aktivdir ya yox|qebul olundu|ya yox|\\d+ (gun|saat|hefte))|(cixaris|vivod|pul|depozit)[\\p{L}]* hardadi'),
    stem('(yoxlayin|yoxlayasiniz|baxin|baxa bilersiz)|(\\d+ (gun|saat|hefte)[\\p{L}]* (oldu|dir|gozleyirem|evvel))|(balansa|hesaba) (gelmedi|dusmedi|kecmedi)|niye (sifir|0)'),
    stem('niye (menim )?(balans|hesab|cixaris|vivod|verifikasiya|depozit|bonus)[\\p{L}\\p{N}]*|hesabim (bloklan|baglan|dondur|mehdud)|(hele|hele de) (gelmeyib|tesdiqlenmeyib|kecmeyib)'),
    stem('hesabimi (yoxla|kontrol)|(cixarisimi|depozitimi|senedlerimi|verifikasiyami) yoxla'),
    stem('param nerede|hesabim (kilitl|engell)|cekimim (nerede|gelmedi)'),
  ],
  requested: [
    word("(talk|speak|chat|write|connect me|put me through|transfer me) (to|with) (a |an |the |some |your )?(real |live |actual )?(human|person|agent|operator|someone|somebody|manager|supervisor|support( team)?|people|staff)"),
    word("(need|want|get me|get|give me|call) (a |an |the )?(real |live |actual )?(human|person|agent|operator|manager|supervisor)|(someone|somebody|anyone|anybody) (real|alive|human)|(transfer|connect|put) me (to|with|through)"),
    word('(real|live|actual) (person|human|agent|operator|support)|human (agent|support|please|pls)|not (a|the|this) bot|stop the bot|no bots?'),
    /^(agent|operator|human|manager|support|person|live agent|live chat)( please| pls| now)?$/u,
    // A short message that names a person to talk to: "agent again please", "human now!!".
    /^(?:[\p{L}\p{N}']+ ){0,3}(agent|operator|human|оператор[\p{L}]*|operator[\p{L}]*|temsilci[\p{L}]*)(?: [\p{L}\p{N}']+){0,3}[?!.]*$/u,
    stem('оператор|живо(й|го|му|м) (человек|сотрудник|специалист)|с человеком|с живым|на живого|кто[- ]?(нибудь|то)? живой|есть кто|(позовите|позови|соедините|соедини|переключите|переключи|дайте|нужен|хочу)\\s+(мне\\s+)?(на\\s+|с\\s+)?(человек|менеджер|сотрудник|специалист|админ|поддержк|саппорт)|не (с )?бот'),
    stem('operator|canli (adam|insan|operator|destek|kimse)|real (insan|adam) (lazim|isteyirem|yazsin|olsun|ver)|insanla (danis|yazis)|emekdas|menecer|bot (yox|deyil|olmasin)|botla danismaq istemirem|adamla danis|yonlendir|agente|agenta'),
    stem('temsilci|canli destek|musteri hizmet|yetkili'),
  ],
  unresolved: [
    word("(did ?n'?t|did not|does ?n'?t|does not|not|no|wasn'?t) (help|helpful|useful|work|answer( my question)?)|useless|not what i (asked|meant)|wrong answer|you (don'?t|do not) understand|that'?s not it"),
    stem('не помогл|не помогает|бесполезн|не то(,| )|не то$|не ответил|ты не понима|вы не понима|не по теме|неправильн(ый|о) ответ'),
    stem('komek etmedi|faydasi yox|faydasizdir|basa dusmursen|basa dusmursunuz|bu deyil|duzgun cavab deyil|cavab vermedin'),
    stem('yardimci olmadi|ise yaramadi'),
  ],
};

/**
 * Questions about how things work that share words with a reason ("what is your chargeback
 * policy", "what hours is live chat with real people open"): they cancel that reason.
 */
export const informational: Partial<Record<HandoffReason, RegExp[]>> = {
  dispute: [
    stem('chargeback (policy|rules)|policy on chargebacks?|(are|is) (your|ur|the|these) .{0,25}(rigged|fair)|who tests|chargeback (siyaset|qayda)|политик[\\p{L}]* .{0,10}чарджб'),
    // Someone else claiming to be the casino: a phishing question, not a complaint about us.
    stem('от имени (казино|поддержк|вас)|это (правда )?вы\\??|(pretend|claim)[\\p{L}]* to be|posing as|is (this|it|that) (really )?(you|legit|real)|adinizdan|sizin adinizdan|bu sizsiz'),
  ],
  requested: [
    stem('what (hours|time)|opening hours|when (is|are) .{0,30}open|by (e-?mail|phone)|via (e-?mail|phone)|по (почте|e-?mail|имейлу|телефону)|часы работы|когда работает|(email|e-?poct|telefon)[\\p{L}]* (ile|vasitesile)|ne vaxt isleyir'),
  ],
};

/** A failure word plus money at stake makes a technical failure an agent must look at. */
export const technicalFailure = {
  failure: [
    word("froze|frozen|freez[\\p{L}\\p{N}]*|stuck|hung|hangs|hanging|crash[\\p{L}\\p{N}]*|disconnect[\\p{L}\\p{N}]*|kicked (me )?out|lost (the )?connection|connection (dropped|lost|broke)|internet (went|dropped|cut)|glitch[\\p{L}\\p{N}]*|bug(ged)?|black screen|went (black|blank|white)|(error|errors)|didn'?t load|won'?t load|not loading|spinning forever|closed (by itself|suddenly)|did nothing|nothing happened|didn'?t (register|respond)"),
    stem('завис|вылет|выкинул|выбросил|отключил|отвалил|разрыв|обрыв|ошибк|глюк|баг|краш|черный экран|экран (черн|бел)|не загруз|не грузит|закрылась сама|крутится бесконечно|сбой|тормоз|ничего не произошло|не сработал|пропал (интернет|инет)|инет (пропал|отвалил)'),
    stem('zavis|vyletel|vykinul|otklyuch|oshibk|glyuk|krash|chernyj ekran|ne gruzit'),
    stem('dondu|ilisdi|ilisib|qapandi|baglandi|elaqe kesildi|internet (kesildi|getdi|itdi)|xeta|yuklenmir|cokdu|qara ekran|atdi|cixardi|hec ne olmadi|isl(e|a)medi'),
    stem('dondu|takildi|coktu|baglanti koptu|hata'),
  ],
  money: [
    word("money|bet|bets|stake|wager|balance|deducted|charged|taken|disappear[\\p{L}\\p{N}]*|vanish[\\p{L}\\p{N}]*|missing|lost my|won|win|winnings|payout|paid|refund|jackpot|credited|dropped"),
    /[€$₼£]|\d+\s*(eur|euro|euros|usd|azn|manat|rub|руб|евро|долл|avro|dollar|tl)?/u,
    stem('деньг|ставк|баланс|списал|пропал|исчез|не вернул|выигрыш|евро|манат|доллар|рубл|ушли|уменьшил|минус'),
    stem('dengi|spisal|stavk|balans|vyigrysh|propal'),
    stem('pul|merc|balans|manat|avro|dollar|itdi|silindi|cixildi|udus|qazanc|stavka|getdi|yox idi'),
  ],
};

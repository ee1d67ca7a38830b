/**
 * What model output must never say, per language we answer in (tr is answered from English
 * articles but written in Turkish). Every sentence is checked against the rules of all languages,
 * because a model can switch language mid-answer.
 *
 * Patterns run on text normalised by `matchText` (NFKC, lower case, ё → е, Azerbaijani and Turkish
 * letters folded to ASCII: ə→e ı→i ş→s ç→c ğ→g ö→o ü→u, curly apostrophes straight), so they are
 * written in that form. An entry is a pattern, or a list of patterns that must all occur in the
 * same sentence. Cyrillic has no `\b` in JavaScript: `(?<!\p{L})` and `(?!\p{L})` stand in for it.
 * Requests and confirmations are matched as phrases (verb and object a few words apart, in the
 * language's word order), so help-centre warnings such as "never send us your CVV" or "Paid — the
 * money was sent to your card" stay sayable.
 */

export type WordingRule = 'money_promise' | 'credential_request' | 'promotion';
export type RuleEntry = RegExp | readonly RegExp[];
export type PolicyLanguage = 'en' | 'ru' | 'az' | 'tr';

/** The rest of a word's punctuation, then up to `n` words in between ("send, please, your …"). */
const gap = (n: number) => String.raw`\S*?\s+(?:\S+\s+){0,${n}}?`;

const MONEY = {
  en: /\b(?:money|funds|refund|bonus(?:es)?|free ?spins?|spins|cashback|compensation|winnings|payout|\d+\s?(?:eur|euros?|usd|dollars?|azn|manat|rub|tl|%)|[€$£₼]\s?\d)/,
  ru: /(?:деньг|средств|сумм|бонус|фриспин|спин|кэшбэк|кешбэк|кешбек|выигрыш|компенсац|возврат|евро|доллар|манат|рубл|\d|[€$₼])/u,
  az: /(?:pul|vesait|mebleg|bonus|pulsuz firlatma|frispin|spin|kesbek|udus|kompensasiya|azn|manat|avro|\d|[€$₼])/,
  tr: /(?:para|bakiye|tutar|bonus|bedava donus|free ?spin|cashback|kazanc|iade|lira|euro|\d|[€$₺]|\btl\b)/,
};

/** Passwords, card numbers, CVV and codes (a promo or bonus code is none of these). */
const SECRET = {
  en: String.raw`(?:passwords?|passcode|\bpin(?: code)?|cvv2?|cvc2?|csc|security code|(?:full |complete |whole |long )?card numbers?|card details|expiry date|expiration date|one-time (?:pass)?codes?|otp|sms codes?|verification codes?|2fa codes?|authenticator codes?|login details|credentials|(?:your|the|that|this) codes?)\b`,
  ru: String.raw`(?:парол|cvv|cvc|(?<!\p{L})(?:пин|pin)(?!\p{L})|код\p{L}* безопасности|(?:полн\p{L}* )?номер\p{L}* (?:\p{L}+ )?карт|данн\p{L}* (?:\p{L}+ )?карт|срок\p{L}* действия|код\p{L}* из (?:смс|sms|приложени)|смс-код|sms-код|одноразов\p{L}* код|код\p{L}* подтверждени|код\p{L}* 2fa|2fa-код|(?:этот|ваш|тот) код)`,
  az: String.raw`(?:sifre|parol|cvv|cvc|\bpin\b|kart\p{L}* nomre|kart\p{L}* melumat|tehlukesizlik kod|etibarliliq muddet|son istifade tarix|sms kod|birdefelik kod|tesdiq kod|2fa kod|(?<!promo |bonus |promo-)kodu)`,
  tr: String.raw`(?:sifre|parola|cvv|cvc|\bpin\b|kart\p{L}* numara|kart\p{L}* bilgi|guvenlik kod|son kullanma tarih|sms kod|dogrulama kod|tek kullanimlik|onay kod|2fa kod|(?<!promosyon |bonus |promo )kodu)`,
};

/** Negations and subjects that make a verb something other than a request to the player. */
const NOT_A_REQUEST_EN = String.raw`(?<!(?:\bnever|\bnot|n't|\bno one|\bnobody|\bwe|\bi|\bthey|\bhe|\bshe|\bit|\bwho|\bwhich|\bthat)\s+(?:\w+\s+)?)`;
const NOT_A_REQUEST_RU = String.raw`(?<!(?<!\p{L})(?:не|ни|никогда|никому|мы|я)\s+(?:\p{L}+\s+)?)`;

const RU_PARTICIPLE = String.raw`(?:начислен|зачислен|возвращен|одобрен|выплачен|разблокирован|восстановлен|пополнен|компенсирован|возмещен|переведен|перечислен|зачтен)[аоы]?(?!\p{L})`;

export const RULES: Record<PolicyLanguage, Record<WordingRule, readonly RuleEntry[]>> = {
  en: {
    money_promise: [
      // "we'll refund", "I will credit", "we are going to reverse"
      /\b(?:we|i)(?:'ll| will| shall| are going to|'re going to| am going to|'m going to|'d be happy to| would be happy to)\s+(?:now\s+|also\s+|definitely\s+|certainly\s+|immediately\s+|gladly\s+|personally\s+)?(?:pay|refund|credit|reimburse|compensate|award|reverse|restore|unblock|unlock|reactivate|approve|release|waive)\b/,
      // "we'll give you 100 free spins", "I will send you 50 EUR"
      [/\b(?:we|i)(?:'ll| will| shall| are going to|'re going to| am going to|'m going to|'d| would)\s+(?:now\s+|also\s+|definitely\s+|certainly\s+|gladly\s+)?(?:give|send|transfer|return|add|grant|offer|top up|put)\b/, MONEY.en],
      // "we have refunded", "I've credited"
      /\b(?:we|i)(?:'ve| have| had)\s+(?:now\s+|already\s+|just\s+|successfully\s+)*(?:credited|refunded|approved|released|reversed|paid|compensated|reimbursed|unblocked|restored|reactivated)\b/,
      [/\b(?:we|i)(?:'ve| have| had)\s+(?:now\s+|already\s+|just\s+|successfully\s+)*(?:added|deposited|transferred|sent|returned|granted)\b/, MONEY.en],
      // "your refund of 300 EUR has been approved", "your account was credited"
      /\byour\s+(?:[\w-]+\s+){0,3}?(?:account|balance|wallet|refund|withdrawal|payout|deposit|bonus|winnings|money|funds|free spins|cashback|limit|self-exclusion|exclusion|verification|documents?|complaint|claim|request)\b[^.!?]{0,60}?\b(?:(?:has|have|had)\s+(?:now\s+|already\s+|just\s+|successfully\s+)*been|was|were|(?:is|are)\s+(?:now|already))\s+(?:successfully\s+|fully\s+)?(?:credited|refunded|approved|released|reversed|restored|unblocked|unlocked|reactivated|reopened|paid(?: out)?|processed|added|deposited|transferred|sent|compensated|reimbursed|reinstated|verified|lifted|removed|increased|accepted|granted|topped up|returned)\b/,
      /\b(?:has|have)\s+been\s+(?:credited|added|deposited|transferred|paid|refunded|returned)\s+(?:back\s+)?(?:to|into|on)\s+your\b/,
      // "you will get a refund", "you'll be compensated"
      /\byou(?:'ll| will| are going to|'re going to)\s+(?:definitely\s+|certainly\s+|surely\s+|now\s+|soon\s+)?(?:be (?:paid|refunded|credited|compensated|reimbursed)\b|(?:get|receive)\b[^.!?]{0,30}?\b(?:refund|compensation|reimbursement|back)\b)/,
      /\b(?:we|i)\s+(?:can\s+)?guarantee\b/,
      /(?<!\b(?:no|not|n't)\s+(?:\w+\s+)?)\bguaranteed\s+(?:refund|payout|win|winnings|bonus|return|profit|money)/,
    ],
    credential_request: [
      // "please type your full card number", "send us the code"
      new RegExp(`${NOT_A_REQUEST_EN}\\b(?:send|give|provide|share|tell|type|write|reply with|paste|dictate|confirm|submit|post|let (?:us|me) know)\\b${gap(4)}${SECRET.en}`),
      [new RegExp(`${NOT_A_REQUEST_EN}\\b(?:enter|input|put)\\b${gap(4)}${SECRET.en}`), /\b(?:here|in (?:the |this |our )?chat|below|to (?:us|me)|in your (?:reply|next message|message))\b/],
      /\bwhat(?:'s| is) your (?:password|pin|cvv|cvc|card number|security code|code)\b/,
    ],
    promotion: [/\b(?:bonus\w*|free ?spins?|cashback|promo\w*|promotion\w*|reload offer|welcome (?:offer|package)|loyalty|vip|tournaments?|jackpots?|deposit match)\b/],
  },
  ru: {
    money_promise: [
      /(?<!\p{L})(?<!(?:не|ни)\s+)(?:вернем|выплатим|начислим|зачислим|компенсируем|возместим|разблокируем|одобрим|восстановим|подарим|пополним|верну|выплачу|начислю|зачислю|компенсирую|возмещу)(?!\p{L})/u,
      [/(?<!\p{L})(?<!(?:не|ни)\s+)(?:дадим|отправим|переведем|перечислим|добавим|предоставим|дам|отправлю|переведу|перечислю)(?!\p{L})/u, MONEY.ru],
      // "мы начислили вам", "вам начислен бонус", "ваш возврат одобрен"
      /(?<!\p{L})(?:мы|я)\s+(?:уже\s+|успешно\s+)?(?:вам\s+)?(?:начислили|зачислили|вернули|выплатили|одобрили|компенсировали|возместили|разблокировали|восстановили|начислил|вернул|выплатил|одобрил)(?!\p{L})/u,
      new RegExp(`(?<!\\p{L})вам\\s+(?:уже\\s+|успешно\\s+|сегодня\\s+)*(?:был[аои]?\\s+)?${RU_PARTICIPLE}`, 'u'),
      new RegExp(`(?<!\\p{L})ваш(?:а|е|и|его|ей|у)?\\s+(?:\\S+\\s+){0,3}?(?:уже\\s+|успешно\\s+)*(?:был[аои]?\\s+)?${RU_PARTICIPLE}`, 'u'),
      /(?<!\p{L})вы\s+(?:обязательно\s+|точно\s+|гарантированно\s+|скоро\s+)?получите\s+(?:\S+\s+){0,3}?(?:возврат|компенсац|деньги обратно|обратно)/u,
      /(?<!\p{L})(?:мы|я)\s+(?:вам\s+)?гарантиру/u,
      /(?<!\p{L})гарантированн\p{L}*\s+(?:возврат|выплат|выигрыш|бонус|доход)/u,
    ],
    credential_request: [
      new RegExp(
        `(?<!\\p{L})${NOT_A_REQUEST_RU}(?:пришлите|присылайте|отправьте|отправляйте|напишите|пишите|сообщите|сообщайте|назовите|называйте|продиктуйте|скиньте|вышлите|предоставьте|подтвердите|дайте|поделитесь|укажите|пришли|скинь|напиши|назови|отправь)(?!\\p{L})${gap(4)}${SECRET.ru}`,
        'u',
      ),
      [new RegExp(`(?<!\\p{L})${NOT_A_REQUEST_RU}(?:введите|вводите|впишите)(?!\\p{L})${gap(4)}${SECRET.ru}`, 'u'), /(?<!\p{L})(?:здесь|сюда|в чат\p{L}*|в этом чате|нам|мне|ниже|в ответ\p{L}*)(?!\p{L})/u],
      /(?<!\p{L})какой (?:у вас |ваш )(?:пароль|cvv|cvc|пин|код)/u,
    ],
    promotion: [/(?:бонус|фриспин|фри спин|кэшбэк|кешбэк|кешбек|кэшбек|акци|промокод|турнир|джекпот|лояльност|вейджер|отыгрыш|вип-)/u],
  },
  az: {
    money_promise: [
      /\b(?:qaytaracagiq|odeyeceyik|kocureceyik|kompensasiya edeceyik|berpa edeceyik|tesdiqleyeceyik|hesablayacagiq|blokdan cixaracagiq|blokunu acacagiq|geri vereceyik)\b/,
      [/\b(?:vereceyik|elave edeceyik|gondereceyik|bagislayacagiq|hediyye edeceyik)\b/, MONEY.az],
      // "Hesabınıza 200 AZN bonus köçürüldü", "sizin pulunuz qaytarılacaq"
      new RegExp(
        `\\b(?:hesabiniza|balansiniza|kartiniza|sizin|size)${gap(4)}(?:kocuruldu|kocurulub|elave edildi|elave olundu|elave edilib|elave olunub|qaytarildi|qaytarilib|odenildi|odenilib|hesablandi|hesablanib|tesdiqlendi|tesdiqlenib|berpa edildi|berpa olundu|qaytarilacaq|odenilecek|kocurulecek|hesablanacaq)\\b`,
      ),
      /\b(?:zemanet verir(?:ik|em)|zemanetli (?:udus|qazanc|geri qaytarma|bonus))/,
    ],
    credential_request: [
      // "kart nömrənizi və CVV kodunu yazın" (the verb comes last)
      new RegExp(`${SECRET.az}\\p{L}*${gap(3)}(?:gonderin|gonder|yazin|yaz|bildirin|deyin|paylasin|teqdim edin|verin|qeyd edin|tesdiqleyin)\\b`, 'u'),
      [new RegExp(`${SECRET.az}\\p{L}*${gap(3)}daxil edin\\b`, 'u'), /\b(?:bura|buraya|cata|sohbete|bize|mene|cavabda)\b/],
    ],
    promotion: [/(?:bonus|pulsuz firlatma|frispin|kesbek|aksiya|promo|turnir|cekpot|lojal)/],
  },
  tr: {
    money_promise: [
      /\b(?:iade edecegiz|odeyecegiz|yatiracagiz|tanimlayacagiz|telafi edecegiz|geri verecegiz|aktaracagiz|onaylayacagiz)\b/,
      [/\b(?:verecegiz|ekleyecegiz|gonderecegiz|hediye edecegiz)\b/, MONEY.tr],
      new RegExp(`\\b(?:hesabiniza|bakiyenize|kartiniza|size)${gap(4)}(?:yatirildi|eklendi|tanimlandi|iade edildi|odendi|aktarildi|onaylandi)\\b`),
      new RegExp(`\\b(?:iadeniz|cekiminiz|odemeniz|bonusunuz|paraniz|kazanciniz)${gap(4)}(?:onaylandi|yapildi|gonderildi|tanimlandi|iade edildi|odendi|yatirildi)\\b`),
      /\bgaranti (?:ediyoruz|ederiz|veriyoruz)\b/,
    ],
    credential_request: [
      new RegExp(`${SECRET.tr}\\p{L}*${gap(3)}(?:gonderin|gonder|yazin|yaz|iletin|ilet|paylasin|paylas|verin|soyleyin|soyle|belirtin|bildirin|onaylayin)\\b`, 'u'),
      [new RegExp(`${SECRET.tr}\\p{L}*${gap(3)}(?:girin|giriniz)\\b`, 'u'), /\b(?:buraya|sohbete|bize|bana|cevap\w*)\b/],
    ],
    promotion: [/(?:bonus|bedava donus|freespin|free spin|cashback|kampanya|promosyon|turnuva|jackpot|sadakat)/],
  },
};

import { formatMessage } from './message-format.js';
import type { Locale } from './schemas.js';

/**
 * What the bot says about a verified player's own account (SPEC §8.2), in every supported language,
 * as ICU MessageFormat patterns. Only what the player API returned goes into these: the policy
 * around it (how long, why, what to do) is quoted from the cited article, so content staff keep it
 * in one place.
 */
const catalog = {
  withdrawalPending: {
    en: 'Your {amount} {method} withdrawal from {date} is pending: it is waiting to be processed, and you can still cancel it.',
    ru: 'Ваш вывод {amount} на {method} от {date} ожидает обработки; его ещё можно отменить.',
    az: '{date} tarixli {amount} məbləğində {method} çıxarışınız gözləmədədir: emal olunmağı gözləyir və onu hələ ləğv edə bilərsiniz.',
    tr: '{date} tarihli {amount} tutarındaki {method} çekiminiz beklemede: işlenmeyi bekliyor ve hâlâ iptal edebilirsiniz.',
  },
  withdrawalProcessing: {
    en: 'Your {amount} {method} withdrawal from {date} is being processed.',
    ru: 'Ваш вывод {amount} на {method} от {date} сейчас обрабатывается.',
    az: '{date} tarixli {amount} məbləğində {method} çıxarışınız emal olunur.',
    tr: '{date} tarihli {amount} tutarındaki {method} çekiminiz işleniyor.',
  },
  withdrawalApproved: {
    en: 'Your {amount} {method} withdrawal from {date} is approved and has been sent to {method}.',
    ru: 'Ваш вывод {amount} на {method} от {date} одобрен и отправлен в {method}.',
    az: '{date} tarixli {amount} məbləğində {method} çıxarışınız təsdiqlənib və {method} hesabına göndərilib.',
    tr: '{date} tarihli {amount} tutarındaki {method} çekiminiz onaylandı ve {method} hesabına gönderildi.',
  },
  withdrawalPaid: {
    en: 'Your {amount} {method} withdrawal from {date} has been paid out.',
    ru: 'Ваш вывод {amount} на {method} от {date} выплачен.',
    az: '{date} tarixli {amount} məbləğində {method} çıxarışınız ödənilib.',
    tr: '{date} tarihli {amount} tutarındaki {method} çekiminiz ödendi.',
  },
  withdrawalRejected: {
    en: 'Your {amount} {method} withdrawal from {date} was rejected.',
    ru: 'Ваш вывод {amount} на {method} от {date} отклонён.',
    az: '{date} tarixli {amount} məbləğində {method} çıxarışınız rədd edilib.',
    tr: '{date} tarihli {amount} tutarındaki {method} çekiminiz reddedildi.',
  },
  withdrawalCancelled: {
    en: 'Your {amount} {method} withdrawal from {date} was cancelled.',
    ru: 'Ваш вывод {amount} на {method} от {date} отменён.',
    az: '{date} tarixli {amount} məbləğində {method} çıxarışınız ləğv edilib.',
    tr: '{date} tarihli {amount} tutarındaki {method} çekiminiz iptal edildi.',
  },
  noWithdrawals: {
    en: 'I see no withdrawals on your account.',
    ru: 'Я не вижу выводов средств в вашем аккаунте.',
    az: 'Hesabınızda heç bir çıxarış görmürəm.',
    tr: 'Hesabınızda hiç çekim görmüyorum.',
  },
  reason: { en: 'Reason: {reason}.', ru: 'Причина: {reason}.', az: 'Səbəb: {reason}.', tr: 'Sebep: {reason}.' },
  bonusActive: {
    en: 'Your bonus "{name}" has {left} of {total} wagering left.',
    ru: 'По бонусу «{name}» осталось отыграть {left} из {total}.',
    az: '«{name}» bonusunuz üzrə {total} mərcdən {left} qalıb.',
    tr: '"{name}" bonusunuzda {total} çevrimden {left} kaldı.',
  },
  bonusDeadline: {
    en: 'The wagering must be finished by {date}.',
    ru: 'Отыграть нужно до {date}.',
    az: 'Mərc şərti {date} tarixinədək tamamlanmalıdır.',
    tr: 'Çevrim {date} tarihine kadar tamamlanmalı.',
  },
  bonusCompleted: {
    en: 'Your bonus "{name}" is fully wagered.',
    ru: 'Бонус «{name}» полностью отыгран.',
    az: '«{name}» bonusunuzun mərc şərti tam yerinə yetirilib.',
    tr: '"{name}" bonusunuzun çevrimi tamamlandı.',
  },
  bonusForfeited: {
    en: 'Your bonus "{name}" was removed.',
    ru: 'Бонус «{name}» был аннулирован.',
    az: '«{name}» bonusunuz ləğv edilib.',
    tr: '"{name}" bonusunuz kaldırıldı.',
  },
  bonusExpired: {
    en: 'Your bonus "{name}" expired on {date} with {left} of wagering left.',
    ru: 'Срок бонуса «{name}» истёк {date}; оставалось отыграть {left}.',
    az: '«{name}» bonusunuzun müddəti {date} tarixində bitib; {left} mərc qalmışdı.',
    tr: '"{name}" bonusunuzun süresi {date} tarihinde doldu; {left} çevrim kalmıştı.',
  },
  noBonus: {
    en: 'You have no active bonus right now.',
    ru: 'Сейчас у вас нет активного бонуса.',
    az: 'Hazırda aktiv bonusunuz yoxdur.',
    tr: 'Şu anda aktif bir bonusunuz yok.',
  },
  balance: {
    en: 'Your balance is {cash} in cash and {bonus} in bonus money.',
    ru: 'Ваш баланс: {cash} реальных денег и {bonus} бонусных.',
    az: 'Balansınız: {cash} real pul və {bonus} bonus pulu.',
    tr: 'Bakiyeniz: {cash} nakit ve {bonus} bonus para.',
  },
  kycNotStarted: {
    en: 'You have not started account verification yet.',
    ru: 'Вы ещё не начали верификацию аккаунта.',
    az: 'Hesab təsdiqini hələ başlamamısınız.',
    tr: 'Hesap doğrulamasına henüz başlamadınız.',
  },
  kycPending: {
    en: 'Your documents are being checked (last update {date}).',
    ru: 'Ваши документы на проверке (последнее обновление {date}).',
    az: 'Sənədləriniz yoxlanılır (son yenilənmə {date}).',
    tr: 'Belgeleriniz inceleniyor (son güncelleme {date}).',
  },
  kycVerified: {
    en: 'Your account is verified.',
    ru: 'Ваш аккаунт верифицирован.',
    az: 'Hesabınız təsdiqlənib.',
    tr: 'Hesabınız doğrulandı.',
  },
  kycRejected: {
    en: 'Your verification was not accepted (last update {date}).',
    ru: 'Верификация не пройдена (последнее обновление {date}).',
    az: 'Təsdiq qəbul edilməyib (son yenilənmə {date}).',
    tr: 'Doğrulamanız kabul edilmedi (son güncelleme {date}).',
  },
  kycMissing: {
    en: 'Still needed: {documents}.',
    ru: 'Ещё нужно: {documents}.',
    az: 'Hələ lazımdır: {documents}.',
    tr: 'Hâlâ gerekli: {documents}.',
  },
  docProofOfAddress: { en: 'proof of address', ru: 'подтверждение адреса', az: 'ünvanı təsdiq edən sənəd', tr: 'adres belgesi' },
  docProofOfIdentity: { en: 'an identity document', ru: 'документ, удостоверяющий личность', az: 'şəxsiyyət vəsiqəsi', tr: 'kimlik belgesi' },
  docSelfie: { en: 'a selfie with your document', ru: 'селфи с документом', az: 'sənədlə selfi', tr: 'belgenizle bir selfie' },
  docProofOfPayment: { en: 'proof of your payment method', ru: 'подтверждение платёжного метода', az: 'ödəniş üsulunu təsdiq edən sənəd', tr: 'ödeme yöntemi belgesi' },
  docSourceOfFunds: { en: 'proof of the source of funds', ru: 'подтверждение источника средств', az: 'vəsaitin mənbəyini təsdiq edən sənəd', tr: 'fon kaynağı belgesi' },
  limits: {
    en: 'Your deposit limits: daily {daily}, weekly {weekly}, monthly {monthly}.',
    ru: 'Ваши лимиты депозита: в день {daily}, в неделю {weekly}, в месяц {monthly}.',
    az: 'Depozit limitləriniz: gündəlik {daily}, həftəlik {weekly}, aylıq {monthly}.',
    tr: 'Para yatırma limitleriniz: günlük {daily}, haftalık {weekly}, aylık {monthly}.',
  },
  noLimit: { en: 'none', ru: 'нет', az: 'yoxdur', tr: 'yok' },
  onTimeout: {
    en: 'You are on a break until {date}.',
    ru: 'У вас перерыв до {date}.',
    az: '{date} tarixinədək fasilədəsiniz.',
    tr: '{date} tarihine kadar moladasınız.',
  },
  selfExcluded: {
    en: 'Your account is self-excluded until {date}.',
    ru: 'Ваш аккаунт в самоисключении до {date}.',
    az: 'Hesabınız {date} tarixinədək özünü istisna rejimindədir.',
    tr: 'Hesabınız {date} tarihine kadar kendini dışlama altında.',
  },
  asOf: {
    en: '(Your account as of {time}.)',
    ru: '(Данные аккаунта на {time}.)',
    az: '(Hesab məlumatları {time} vəziyyətinə.)',
    tr: '(Hesap bilgileri {time} itibarıyla.)',
  },
  periodDaily: { en: 'daily', ru: 'дневной', az: 'gündəlik', tr: 'günlük' },
  periodWeekly: { en: 'weekly', ru: 'недельный', az: 'həftəlik', tr: 'haftalık' },
  periodMonthly: { en: 'monthly', ru: 'месячный', az: 'aylıq', tr: 'aylık' },
  confirmLimit: {
    en: 'Set your {period} deposit limit to {amount} (now: {current})? It applies at once. Reply "yes" to confirm.',
    ru: 'Установить {period} лимит депозита {amount} (сейчас: {current})? Он начнёт действовать сразу. Ответьте «да», чтобы подтвердить.',
    az: '{period} depozit limitinizi {amount} edək (indi: {current})? Dərhal qüvvəyə minir. Təsdiq üçün «bəli» yazın.',
    tr: '{period} para yatırma limitiniz {amount} olarak ayarlansın mı (şu an: {current})? Hemen geçerli olur. Onaylamak için "evet" yazın.',
  },
  confirmTimeout: {
    en: 'Start a break of {days, plural, one {# day} other {# days}} now? You will not be able to play or deposit until {date}, and the break cannot be ended early. Reply "yes" to confirm.',
    ru: 'Начать перерыв на {days, plural, one {# день} few {# дня} many {# дней} other {# дня}} прямо сейчас? До {date} вы не сможете играть и пополнять счёт, и досрочно перерыв не отменить. Ответьте «да», чтобы подтвердить.',
    az: 'İndi {days, number} günlük fasilə başlayaq? {date} tarixinədək oynaya və depozit edə bilməyəcəksiniz, fasiləni vaxtından əvvəl bitirmək olmur. Təsdiq üçün «bəli» yazın.',
    tr: '{days, number} günlük bir mola şimdi başlasın mı? {date} tarihine kadar oynayamaz ve para yatıramazsınız; mola erken bitirilemez. Onaylamak için "evet" yazın.',
  },
  limitSet: {
    en: 'Done: your {period} deposit limit is now {amount}.',
    ru: 'Готово: ваш {period} лимит депозита теперь {amount}.',
    az: 'Hazırdır: {period} depozit limitiniz indi {amount}.',
    tr: 'Tamam: {period} para yatırma limitiniz artık {amount}.',
  },
  timeoutStarted: {
    en: 'Done: your break has started and lasts until {date}.',
    ru: 'Готово: перерыв начался и продлится до {date}.',
    az: 'Hazırdır: fasiləniz başladı və {date} tarixinədək davam edəcək.',
    tr: 'Tamam: molanız başladı ve {date} tarihine kadar sürecek.',
  },
  changeCancelled: {
    en: 'OK, I have not changed anything.',
    ru: 'Хорошо, я ничего не менял.',
    az: 'Yaxşı, heç nəyi dəyişmədim.',
    tr: 'Tamam, hiçbir şeyi değiştirmedim.',
  },
  timeoutHowLong: {
    en: 'How long a break would you like? During it you cannot play or deposit.',
    ru: 'На какой срок сделать перерыв? В это время нельзя играть и пополнять счёт.',
    az: 'Nə qədər fasilə istəyirsiniz? Bu müddətdə oynamaq və depozit etmək olmur.',
    tr: 'Ne kadar süreli bir mola istersiniz? Bu sürede oynayamaz ve para yatıramazsınız.',
  },
  breakDays: {
    en: 'Break for {days, plural, one {# day} other {# days}}',
    ru: 'Перерыв на {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}',
    az: '{days, number} günlük fasilə',
    tr: '{days, number} günlük mola',
  },
  actionYes: { en: 'Yes', ru: 'Да', az: 'Bəli', tr: 'Evet' },
  actionNo: { en: 'No', ru: 'Нет', az: 'Xeyr', tr: 'Hayır' },
  onlyAgentLoosens: {
    en: 'Raising or removing a limit, or ending a break early, is done by our team, so I am passing your request to an agent.',
    ru: 'Повысить или снять лимит, а также досрочно закончить перерыв может только сотрудник, поэтому я передаю ваш запрос ему.',
    az: 'Limiti artırmaq və ya ləğv etmək, həmçinin fasiləni vaxtından əvvəl bitirmək yalnız komandamızın işidir, ona görə sorğunuzu əməkdaşa ötürürəm.',
    tr: 'Bir limiti yükseltmek veya kaldırmak ya da molayı erken bitirmek ekibimizin işi, bu yüzden talebinizi bir temsilciye iletiyorum.',
  },
  linked: {
    en: 'This chat is now linked to your Demo Casino account{name}. I can answer questions about your withdrawals, bonuses, verification and limits here.',
    ru: 'Этот чат привязан к вашему аккаунту Demo Casino{name}. Здесь я могу отвечать о ваших выводах, бонусах, верификации и лимитах.',
    az: 'Bu söhbət Demo Casino hesabınıza bağlandı{name}. Burada çıxarışlarınız, bonuslarınız, təsdiq və limitləriniz barədə suallara cavab verə bilərəm.',
    tr: 'Bu sohbet Demo Casino hesabınıza bağlandı{name}. Burada çekimleriniz, bonuslarınız, doğrulamanız ve limitleriniz hakkındaki soruları yanıtlayabilirim.',
  },
  linkCodeInvalid: {
    en: 'This link code is not valid any more (codes work once, for 10 minutes). Get a new one on the Demo Casino site and send it again.',
    ru: 'Этот код привязки больше не действует (код работает один раз, 10 минут). Получите новый на сайте Demo Casino и отправьте его снова.',
    az: 'Bu bağlama kodu artıq etibarlı deyil (kod bir dəfə, 10 dəqiqə işləyir). Demo Casino saytında yenisini alın və yenidən göndərin.',
    tr: 'Bu bağlantı kodu artık geçerli değil (kodlar bir kez, 10 dakika çalışır). Demo Casino sitesinden yenisini alıp tekrar gönderin.',
  },
} satisfies Record<string, Record<Locale, string>>;

export type AccountMessageKey = keyof typeof catalog;

export function accountText(locale: Locale, key: AccountMessageKey, params: Record<string, string | number> = {}): string {
  return formatMessage(locale, catalog[key][locale], params);
}

import { formatMessage } from './message-format.js';
import { QUEUE_PLACE as place } from './queue-wording.js';
import type { Locale } from './schemas.js';

/**
 * Every text the bot says on its own (not quoted from an article), in every supported language,
 * as ICU MessageFormat patterns (plurals, ordinals, numbers, gendered forms); `localize` formats them.
 */
const catalog = {
  greeting: {
    en: 'Hi{name}! I am the Demo Casino assistant. Ask me about game rules, bonuses, payments or your account — or type "agent" to talk to a person.',
    ru: 'Здравствуйте{name}! Я помощник Demo Casino. Спросите о правилах игр, бонусах, платежах или аккаунте — или напишите «оператор», чтобы поговорить с человеком.',
    az: 'Salam{name}! Mən Demo Casino köməkçisiyəm. Oyun qaydaları, bonuslar, ödənişlər və ya hesabınız barədə soruşun — əməkdaşla danışmaq üçün «operator» yazın.',
    tr: 'Merhaba{name}! Ben Demo Casino asistanıyım. Oyun kuralları, bonuslar, ödemeler veya hesabınız hakkında sorun — bir kişiyle konuşmak için "temsilci" yazın.',
  },
  capabilities: {
    en: 'I can help with game rules, bonuses, payments and accounts. What would you like to know?',
    ru: 'Я могу помочь с правилами игр, бонусами, платежами и аккаунтом. Что вас интересует?',
    az: 'Oyun qaydaları, bonuslar, ödənişlər və hesablar barədə kömək edə bilərəm. Nəyi öyrənmək istəyirsiniz?',
    tr: 'Oyun kuralları, bonuslar, ödemeler ve hesaplar konusunda yardımcı olabilirim. Ne öğrenmek istersiniz?',
  },
  // `topics`: how many topic buttons come with it.
  notSure: {
    en: "I'm not sure I have the right answer to that. {topics, plural, =0 {Could you rephrase it, or talk to an agent?} =1 {Could you rephrase it, pick the topic below, or talk to an agent?} other {Could you rephrase it, pick one of these topics, or talk to an agent?}}",
    ru: 'Не уверен, что у меня есть точный ответ на этот вопрос. {topics, plural, =0 {Переформулируйте его или поговорите с оператором.} =1 {Переформулируйте его, выберите тему ниже или поговорите с оператором.} other {Переформулируйте его, выберите одну из тем ниже или поговорите с оператором.}}',
    az: 'Bu suala dəqiq cavabım olduğuna əmin deyiləm. {topics, plural, =0 {Sualı başqa cür yazın və ya operatorla danışın.} =1 {Sualı başqa cür yazın, aşağıdakı mövzunu seçin və ya operatorla danışın.} other {Sualı başqa cür yazın, aşağıdakı mövzulardan birini seçin və ya operatorla danışın.}}',
    tr: 'Bu soruya doğru cevabım olduğundan emin değilim. {topics, plural, =0 {Soruyu farklı yazabilir veya bir temsilciyle konuşabilirsiniz.} =1 {Soruyu farklı yazabilir, aşağıdaki konuyu seçebilir veya bir temsilciyle konuşabilirsiniz.} other {Soruyu farklı yazabilir, aşağıdaki konulardan birini seçebilir veya bir temsilciyle konuşabilirsiniz.}}',
  },
  englishFallback: {
    en: '',
    ru: 'Эта статья пока не переведена на русский, поэтому отвечаю на английском.',
    az: 'Bu məqalə hələ Azərbaycan dilinə tərcümə olunmayıb, ona görə ingiliscə cavab verirəm.',
    tr: 'Bu makale henüz Türkçe değil, bu yüzden İngilizce yanıtlıyorum.',
  },
  smallTalkThanks: {
    en: "You're welcome! Is there anything else I can help with?",
    ru: 'Пожалуйста! Могу ещё чем-то помочь?',
    az: 'Buyurun! Başqa sualınız var?',
    tr: 'Rica ederim! Başka bir konuda yardımcı olabilir miyim?',
  },
  smallTalkOk: {
    en: 'Good. If you have another question, just ask.',
    ru: 'Хорошо. Если появится вопрос — просто напишите.',
    az: 'Yaxşı. Başqa sualınız olsa, sadəcə yazın.',
    tr: 'Tamam. Başka bir sorunuz olursa yazmanız yeterli.',
  },
  smallTalkBye: {
    en: 'Goodbye! Write any time you need help.',
    ru: 'До свидания! Пишите, если понадобится помощь.',
    az: 'Sağ olun! Köməyə ehtiyacınız olsa, istənilən vaxt yazın.',
    tr: 'Hoşça kalın! Yardıma ihtiyacınız olursa istediğiniz zaman yazın.',
  },
  smallTalkBot: {
    en: 'Yes, I am an automated assistant, not a person. I answer questions about game rules, bonuses, payments and accounts. If you would rather talk to a person from our team, tap "Talk to an agent" or type "agent".',
    ru: 'Да, я автоматический помощник, а не человек. Я отвечаю на вопросы о правилах игр, бонусах, платежах и аккаунте. Если хотите поговорить с сотрудником, нажмите «Позвать оператора» или напишите «оператор».',
    az: 'Bəli, mən avtomatik köməkçiyəm, insan deyiləm. Oyun qaydaları, bonuslar, ödənişlər və hesablar barədə suallara cavab verirəm. Komandamızdan bir əməkdaşla danışmaq istəyirsinizsə, «Operatorla danış» düyməsinə toxunun və ya «operator» yazın.',
    tr: 'Evet, ben otomatik bir asistanım, insan değilim. Oyun kuralları, bonuslar, ödemeler ve hesaplar hakkındaki soruları yanıtlıyorum. Ekibimizden biriyle konuşmak isterseniz "Temsilciyle konuş"a dokunun veya "temsilci" yazın.',
  },
  helpfulThanks: {
    en: 'Glad I could help! Is there anything else you would like to know?',
    ru: 'Рад, что помог! Могу ещё чем-то помочь?',
    az: 'Kömək edə bildiyimə şadam! Başqa sualınız var?',
    tr: 'Yardımcı olabildiğime sevindim! Başka bir sorunuz var mı?',
  },
  actionHelpful: { en: 'Helpful', ru: 'Помогло', az: 'Kömək etdi', tr: 'Yardımcı oldu' },
  actionAgent: { en: 'Talk to an agent', ru: 'Позвать оператора', az: 'Operatorla danış', tr: 'Temsilciyle konuş' },
  rgSupport: {
    en: "I'm sorry things feel this way — you're not alone, and there is help. In Profile → Responsible gambling you can set deposit and loss limits, take a time-out (24 hours to 6 weeks) or self-exclude (6 months to permanently), and our team can do it for you right away. Free, confidential support is available from your national gambling-support helpline or organisations, and from Gamblers Anonymous groups; blocking software such as Gamban or BetBlocker can keep gambling sites off your devices. If you are in danger, please contact your local emergency services. I'm bringing in a member of our team now.",
    ru: 'Мне жаль, что вам сейчас тяжело. Вы не одни, и помощь есть. В разделе «Профиль → Ответственная игра» можно поставить лимиты депозитов и проигрышей, взять паузу (от 24 часов до 6 недель) или оформить самоисключение (от 6 месяцев до бессрочного) — наша команда может сделать это за вас прямо сейчас. Бесплатную и конфиденциальную помощь оказывают национальные горячие линии и организации помощи при игровой зависимости, а также группы «Анонимные игроки»; программы-блокировщики вроде Gamban или BetBlocker закрывают доступ к сайтам азартных игр. Если вам угрожает опасность, обратитесь в местную экстренную службу. Сейчас подключаю сотрудника нашей команды.',
    az: 'Bunu yaşadığınız üçün təəssüf edirəm — siz tək deyilsiniz və kömək var. «Profil → Məsuliyyətli oyun» bölməsində depozit və uduzma limitləri qoya, fasilə götürə (24 saatdan 6 həftəyədək) və ya özünüzü istisna edə (6 aydan müddətsizədək) bilərsiniz — komandamız bunu sizin üçün dərhal edə bilər. Pulsuz və məxfi dəstəyi ölkənizdəki qumar asılılığı üzrə qaynar xətlər və təşkilatlar, həmçinin «Anonim Oyunçular» qrupları göstərir; Gamban və ya BetBlocker kimi proqramlar qumar saytlarını cihazlarınızda bloklayır. Təhlükə altındasınızsa, yerli təcili yardım xidmətinə müraciət edin. İndi komandamızdan bir əməkdaşı qoşuram.',
    tr: 'Böyle hissettiğiniz için üzgünüm — yalnız değilsiniz ve yardım var. Profil → Sorumlu oyun bölümünde para yatırma ve kayıp limitleri koyabilir, mola verebilir (24 saatten 6 haftaya) veya kendinizi hariç tutabilirsiniz (6 aydan süresize); ekibimiz bunu sizin için hemen yapabilir. Ülkenizdeki kumar bağımlılığı destek hatları ve kuruluşları ile Adsız Kumarbazlar grupları ücretsiz ve gizli destek sunar; Gamban veya BetBlocker gibi yazılımlar kumar sitelerini cihazlarınızda engeller. Tehlikedeyseniz lütfen yerel acil servisleri arayın. Şimdi ekibimizden birini bağlıyorum.',
  },
  crisisSupport: {
    en: "I'm really sorry you're feeling this way, and I'm glad you told me. You don't have to face this alone. If you are in danger or might act on these thoughts, please call your local emergency number now. A suicide-prevention or crisis line in your country is free, confidential and there to listen, day or night. I'm bringing in a person from our team right now, and we can block your account straight away if you want.",
    ru: 'Мне очень жаль, что вам сейчас так тяжело, и хорошо, что вы написали. Вам не нужно справляться с этим в одиночку. Если вам угрожает опасность или вы можете что-то с собой сделать, пожалуйста, сейчас же позвоните по местному номеру экстренной службы. Телефон доверия или линия кризисной помощи в вашей стране — это бесплатно, анонимно и в любое время суток. Я прямо сейчас подключаю сотрудника нашей команды, и, если хотите, мы сразу заблокируем ваш аккаунт.',
    az: 'Belə hiss etdiyiniz üçün çox təəssüf edirəm və yazdığınız yaxşıdır. Bununla tək qalmalı deyilsiniz. Təhlükə altındasınızsa və ya özünüzə nəsə edə bilərsinizsə, zəhmət olmasa, dərhal yerli təcili yardım nömrəsinə zəng edin. Ölkənizdəki psixoloji dəstək və ya böhran xətti pulsuz və məxfidir, gecə-gündüz dinləməyə hazırdır. İndi komandamızdan bir əməkdaşı qoşuram; istəsəniz, hesabınızı dərhal bloklaya bilərik.',
    tr: 'Böyle hissettiğiniz için gerçekten üzgünüm ve bana yazmanız çok iyi. Bununla tek başınıza başa çıkmak zorunda değilsiniz. Tehlikedeyseniz ya da bu düşüncelerle kendinize zarar verebilecekseniz lütfen hemen yerel acil yardım numarasını arayın. Ülkenizdeki intiharı önleme veya kriz hattı ücretsiz, gizlidir ve gece gündüz sizi dinler. Şimdi ekibimizden birini bağlıyorum; isterseniz hesabınızı hemen kapatabiliriz.',
  },
  rgCheckIn: {
    en: "Can I check in with you for a moment? Some of what you wrote sounds like gambling might be getting harder to keep in check. How are you doing with it? If you'd like, someone from our team can talk it through with you right now.",
    ru: 'Можно я спрошу? По тому, что вы написали, похоже, что держать игру под контролем становится сложнее. Как вы? Если хотите, сотрудник нашей команды может прямо сейчас поговорить с вами об этом.',
    az: 'Bir şey soruşa bilərəm? Yazdıqlarınızdan elə görünür ki, oyunu nəzarətdə saxlamaq çətinləşə bilər. Necəsiniz? İstəsəniz, komandamızdan bir əməkdaş indi sizinlə bu barədə danışa bilər.',
    tr: 'Size bir şey sorabilir miyim? Yazdıklarınızdan, kumarı kontrol altında tutmak zorlaşıyor gibi görünüyor. Nasılsınız? İsterseniz ekibimizden biri şimdi sizinle bu konuda konuşabilir.',
  },
  rgCheckInOk: {
    en: 'Thanks for letting me know. Limits and breaks are always there in Profile → Responsible gambling. What else can I help you with?',
    ru: 'Спасибо, что ответили. Лимиты и перерывы всегда доступны в разделе «Профиль → Ответственная игра». Чем ещё могу помочь?',
    az: 'Cavab verdiyiniz üçün təşəkkürlər. Limitlər və fasilələr həmişə «Profil → Məsuliyyətli oyun» bölməsindədir. Başqa nə ilə kömək edə bilərəm?',
    tr: 'Bildirdiğiniz için teşekkürler. Limitler ve molalar her zaman Profil → Sorumlu oyun bölümünde. Başka nasıl yardımcı olabilirim?',
  },
  // Button titles: at most 20 characters (WhatsApp).
  actionRgTalk: { en: 'Yes, talk to someone', ru: 'Да, нужна помощь', az: 'Bəli, kömək lazımdır', tr: 'Evet, yardım isterim' },
  actionRgFine: { en: "I'm fine, thanks", ru: 'Всё в порядке', az: 'Mən yaxşıyam', tr: 'İyiyim, teşekkürler' },
  askFactsDispute: {
    en: "I'm sorry about this — I'll pass it to our team. So they can start straight away, please tell me in one message: what happened, the game or payment concerned, the date and time, the amount, and the round or transaction ID if you have it. If you'd rather not, just say so and I'll connect you anyway.",
    ru: 'Мне жаль, что так вышло — передам это нашей команде. Чтобы они сразу взялись за дело, напишите одним сообщением: что произошло, какая игра или платёж, дата и время, сумма и ID раунда или транзакции, если он есть. Если не хотите — просто скажите, я всё равно соединю вас с сотрудником.',
    az: 'Bu baş verdiyi üçün təəssüf edirəm — məsələni komandamıza ötürəcəyəm. Dərhal başlaya bilmələri üçün bir mesajla yazın: nə baş verdi, hansı oyun və ya ödəniş, tarix və saat, məbləğ və varsa raund və ya tranzaksiya ID-si. İstəmirsinizsə, sadəcə deyin — onsuz da sizi əməkdaşla birləşdirəcəyəm.',
    tr: 'Bunun için üzgünüm — ekibimize ileteceğim. Hemen başlayabilmeleri için tek mesajda yazın: ne oldu, hangi oyun veya ödeme, tarih ve saat, tutar ve varsa tur veya işlem ID’si. İstemezseniz söylemeniz yeterli, sizi yine de bağlayacağım.',
  },
  askFactsTechnical: {
    en: "Sorry the game let you down. The result of every round is kept on the game server, so nothing is decided by your screen. To speed up the check, tell me in one message: the game name, roughly when it happened, the amount at stake, and the round ID from Profile → Game history if you can see it. If you'd rather not, just say so and I'll connect you anyway.",
    ru: 'Жаль, что игра подвела. Результат каждого раунда хранится на игровом сервере, так что ничего не потеряно из-за экрана. Чтобы ускорить проверку, напишите одним сообщением: название игры, примерное время, сумму ставки и ID раунда из «Профиль → История игр», если видите его. Если не хотите — просто скажите, я всё равно соединю вас с сотрудником.',
    az: 'Oyunun problem yaratdığı üçün təəssüf edirəm. Hər raundun nəticəsi oyun serverində saxlanılır. Yoxlamanı sürətləndirmək üçün bir mesajla yazın: oyunun adı, təxminən nə vaxt baş verdi, mərcin məbləği və görə bilirsinizsə «Profil → Oyun tarixçəsi»ndən raund ID-si. İstəmirsinizsə, sadəcə deyin — onsuz da sizi əməkdaşla birləşdirəcəyəm.',
    tr: 'Oyunun sorun çıkardığı için üzgünüm. Her turun sonucu oyun sunucusunda saklanır. Kontrolü hızlandırmak için tek mesajda yazın: oyunun adı, yaklaşık zamanı, bahis tutarı ve görebiliyorsanız Profil → Oyun geçmişi’ndeki tur ID’si. İstemezseniz söylemeniz yeterli, sizi yine de bağlayacağım.',
  },
  askFactsAccount: {
    en: "I can't see your account from here, but an agent can. To help them, tell me in one message what it is about (withdrawal, deposit, verification, balance…), the amount and date, and any transaction ID. Please never send your password or full card number. If you'd rather not, just say so and I'll connect you anyway.",
    ru: 'Я не вижу ваш аккаунт, а сотрудник увидит. Чтобы ему помочь, напишите одним сообщением, о чём речь (вывод, депозит, верификация, баланс…), сумму и дату, а также ID транзакции, если есть. Никогда не присылайте пароль или полный номер карты. Если не хотите — просто скажите, я всё равно соединю вас с сотрудником.',
    az: 'Hesabınızı buradan görə bilmirəm, amma əməkdaş görə bilər. Ona kömək üçün bir mesajla yazın: məsələ nə ilə bağlıdır (çıxarış, depozit, verifikasiya, balans…), məbləğ və tarix, varsa tranzaksiya ID-si. Heç vaxt şifrənizi və ya kartın tam nömrəsini göndərməyin. İstəmirsinizsə, sadəcə deyin — onsuz da sizi əməkdaşla birləşdirəcəyəm.',
    tr: 'Hesabınızı buradan göremiyorum ama bir temsilci görebilir. Ona yardımcı olmak için tek mesajda yazın: konu ne (para çekme, yatırma, doğrulama, bakiye…), tutar ve tarih, varsa işlem ID’si. Lütfen asla şifrenizi veya tam kart numaranızı göndermeyin. İstemezseniz söylemeniz yeterli, sizi yine de bağlayacağım.',
  },
  handoffRequested: {
    en: 'Of course — connecting you with an agent.',
    ru: 'Конечно — соединяю вас с сотрудником.',
    az: 'Əlbəttə — sizi əməkdaşla birləşdirirəm.',
    tr: 'Elbette — sizi bir temsilciye bağlıyorum.',
  },
  handoffUnresolved: {
    en: "Sorry I couldn't help with that. Let me get you a person from our team.",
    ru: 'Простите, что не смог помочь. Подключаю сотрудника нашей команды.',
    az: 'Kömək edə bilmədiyim üçün üzr istəyirəm. Sizi komandamızdan bir əməkdaşla birləşdirirəm.',
    tr: 'Yardımcı olamadığım için üzgünüm. Sizi ekibimizden birine bağlıyorum.',
  },
  handoffThanks: {
    en: 'Thank you, I have added that to your ticket.',
    ru: 'Спасибо, я добавил это в обращение.',
    az: 'Təşəkkürlər, bunu müraciətinizə əlavə etdim.',
    tr: 'Teşekkürler, bunu talebinize ekledim.',
  },
  queued: {
    en: `Your ticket is {ticketId}. You are ${place.en} in the queue; {wait}. Keep writing here — the agent will see your messages. Type "status" to check your place.`,
    ru: `Номер вашего обращения — {ticketId}. Вы ${place.ru} в очереди; {wait}. Пишите здесь — сотрудник увидит ваши сообщения. Напишите «статус», чтобы узнать своё место.`,
    az: `Müraciətinizin nömrəsi {ticketId}. Növbədə ${place.az} yerdəsiniz; {wait}. Burada yazmağa davam edin — əməkdaş mesajlarınızı görəcək. Yerinizi bilmək üçün «status» yazın.`,
    tr: `Talep numaranız {ticketId}. Sırada ${place.tr} kişisiniz; {wait}. Buraya yazmaya devam edin — temsilci mesajlarınızı görecek. Sıranızı görmek için "durum" yazın.`,
  },
  queueStatus: {
    en: `Ticket {ticketId}: you are ${place.en} in the queue; {wait}.`,
    ru: `Обращение {ticketId}: вы ${place.ru} в очереди; {wait}.`,
    az: `Müraciət {ticketId}: növbədə ${place.az} yerdəsiniz; {wait}.`,
    tr: `Talep {ticketId}: sırada ${place.tr} kişisiniz; {wait}.`,
  },
  queuedAck: {
    en: 'Thanks — your message is in ticket {ticketId}, and the agent will see it.',
    ru: 'Спасибо — ваше сообщение добавлено в обращение {ticketId}, сотрудник его увидит.',
    az: 'Təşəkkürlər — mesajınız {ticketId} müraciətinə əlavə olundu, əməkdaş onu görəcək.',
    tr: 'Teşekkürler — mesajınız {ticketId} talebine eklendi, temsilci görecek.',
  },
  positionUpdate: {
    en: `Update on ticket {ticketId}: you are now ${place.en} in the queue; {wait}.`,
    ru: `Обращение {ticketId}: теперь вы ${place.ru} в очереди; {wait}.`,
    az: `{ticketId} müraciəti: indi növbədə ${place.az} yerdəsiniz; {wait}.`,
    tr: `{ticketId} talebi: şimdi sırada ${place.tr} kişisiniz; {wait}.`,
  },
  // `gender`: the agent's grammatical gender, female or male; anything else (unknown) takes a form without one.
  agentJoined: {
    en: '{agent} from our team has joined the conversation.',
    ru: '{gender, select, female {{agent} из нашей команды подключилась к разговору.} male {{agent} из нашей команды подключился к разговору.} other {К разговору подключается {agent} из нашей команды.}}',
    az: 'Komandamızdan {agent} söhbətə qoşuldu.',
    tr: 'Ekibimizden {agent} konuşmaya katıldı.',
  },
  backInQueue: {
    en: `Your conversation is back in the queue (ticket {ticketId}); the next available agent will continue. You are ${place.en}; {wait}.`,
    ru: `Ваш разговор снова в очереди (обращение {ticketId}); продолжит следующий свободный сотрудник. Вы ${place.ru}; {wait}.`,
    az: `Söhbətiniz yenidən növbədədir ({ticketId} müraciəti); növbəti boş əməkdaş davam edəcək. ${place.az} yerdəsiniz; {wait}.`,
    tr: `Konuşmanız yeniden sırada ({ticketId} talebi); bir sonraki uygun temsilci devam edecek. ${place.tr} sıradasınız; {wait}.`,
  },
  transferredToAgent: {
    en: '{agent} from our team is taking over your conversation.',
    ru: 'Дальше с вами будет общаться {agent} из нашей команды.',
    az: 'Söhbətinizi komandamızdan {agent} davam etdirəcək.',
    tr: 'Konuşmanızı ekibimizden {agent} devralıyor.',
  },
  transferredToTeam: {
    en: `Your conversation (ticket {ticketId}) has been passed to colleagues who specialise in this. You are ${place.en} in their queue; {wait}.`,
    ru: `Ваш разговор (обращение {ticketId}) передан коллегам, которые занимаются такими вопросами. Вы ${place.ru} в их очереди; {wait}.`,
    az: `Söhbətiniz ({ticketId} müraciəti) bu məsələlərlə məşğul olan həmkarlarımıza ötürüldü. Onların növbəsində ${place.az} yerdəsiniz; {wait}.`,
    tr: `Konuşmanız ({ticketId} talebi) bu konularla ilgilenen meslektaşlarımıza aktarıldı. Onların sırasında ${place.tr} kişisiniz; {wait}.`,
  },
  expectedWait: { en: 'expected wait {eta}', ru: 'ожидание {eta}', az: 'gözləmə {eta}', tr: 'bekleme süresi {eta}' },
  noAgentsOnline: {
    en: "no agent who can help with this is online right now, so I can't promise a time: your ticket stays in the queue and an agent will answer here as soon as one is free. If you like, leave your e-mail address so the agent can reach you there too",
    ru: 'сейчас нет сотрудника, который может помочь с этим, поэтому не могу назвать время ожидания: обращение остаётся в очереди, и сотрудник ответит здесь, как только освободится. Если хотите, оставьте адрес электронной почты — сотрудник сможет написать и туда',
    az: 'hazırda bu məsələdə kömək edə biləcək onlayn əməkdaş yoxdur, ona görə gözləmə vaxtını deyə bilmirəm: müraciətiniz növbədə qalır və əməkdaş boşalan kimi burada cavab verəcək. İstəsəniz, e-poçt ünvanınızı yazın — əməkdaş ora da yaza bilər',
    tr: 'şu anda bu konuda yardımcı olabilecek çevrim içi bir temsilci yok, bu yüzden bir süre veremiyorum: talebiniz sırada kalıyor ve bir temsilci müsait olur olmaz buradan yanıt verecek. İsterseniz e-posta adresinizi bırakın, temsilci oraya da yazabilir',
  },
  outsideHours: {
    en: "our support team works {hours}, so I can't promise a time now: your ticket stays in the queue and an agent will answer here when the team is back. If you like, leave your e-mail address so the agent can reach you there too",
    ru: 'служба поддержки работает {hours}, поэтому сейчас не могу назвать время ожидания: обращение остаётся в очереди, и сотрудник ответит здесь, когда команда вернётся. Если хотите, оставьте адрес электронной почты — сотрудник сможет написать и туда',
    az: 'dəstək komandamız {hours} işləyir, ona görə indi gözləmə vaxtını deyə bilmirəm: müraciətiniz növbədə qalır və komanda qayıdanda əməkdaş burada cavab verəcək. İstəsəniz, e-poçt ünvanınızı yazın — əməkdaş ora da yaza bilər',
    tr: 'destek ekibimiz {hours} çalışıyor, bu yüzden şimdi bir süre veremiyorum: talebiniz sırada kalıyor ve ekip döndüğünde bir temsilci buradan yanıt verecek. İsterseniz e-posta adresinizi bırakın, temsilci oraya da yazabilir',
  },
  emailNoted: {
    en: 'Thank you — I have added {email} to ticket {ticketId}, so the agent can reach you there too.',
    ru: 'Спасибо — я добавил {email} в обращение {ticketId}, сотрудник сможет написать и туда.',
    az: 'Təşəkkürlər — {email} ünvanını {ticketId} müraciətinə əlavə etdim, əməkdaş ora da yaza bilər.',
    tr: 'Teşekkürler — {email} adresini {ticketId} talebine ekledim, temsilci oraya da yazabilir.',
  },
  resolvedRate: {
    en: 'Ticket {ticketId} is resolved. How would you rate the help you got, from 1 (poor) to 5 (excellent)?',
    ru: 'Обращение {ticketId} решено. Оцените, пожалуйста, помощь от 1 (плохо) до 5 (отлично).',
    az: '{ticketId} müraciəti həll olundu. Aldığınız köməyi 1-dən (pis) 5-ə (əla) qədər qiymətləndirin.',
    tr: '{ticketId} talebi çözüldü. Aldığınız yardımı 1 (kötü) ile 5 (mükemmel) arasında puanlar mısınız?',
  },
  ratingThanks: {
    en: 'Thank you for your rating! I am here if you need anything else.',
    ru: 'Спасибо за оценку! Если нужно что-то ещё — я здесь.',
    az: 'Qiymətləndirmə üçün təşəkkürlər! Başqa bir şey lazım olsa, buradayam.',
    tr: 'Puanınız için teşekkürler! Başka bir şeye ihtiyacınız olursa buradayım.',
  },
  rgNoBonus: {
    en: "I can't help with bonuses or promotions in this conversation. If you have a question about your account, an agent can help.",
    ru: 'В этом разговоре я не помогаю с бонусами и акциями. Если у вас вопрос по аккаунту, вам поможет сотрудник.',
    az: 'Bu söhbətdə bonuslar və aksiyalarla bağlı kömək edə bilmirəm. Hesabınızla bağlı sualınız varsa, əməkdaş kömək edəcək.',
    tr: 'Bu konuşmada bonuslar veya promosyonlar konusunda yardımcı olamıyorum. Hesabınızla ilgili bir sorunuz varsa bir temsilci yardımcı olabilir.',
  },
  describeInText: {
    en: "Thanks! I can only read text — please describe it in a message. If it is something an agent should see, type \"agent\" and they will get it too.",
    ru: 'Спасибо! Я понимаю только текст — опишите, пожалуйста, словами. Если это нужно показать сотруднику, напишите «оператор» — он это увидит.',
    az: 'Təşəkkürlər! Mən yalnız mətni oxuya bilirəm — zəhmət olmasa, sözlə təsvir edin. Bunu əməkdaş görməlidirsə, «operator» yazın — o da görəcək.',
    tr: 'Teşekkürler! Yalnızca metin okuyabiliyorum — lütfen bir mesajla anlatın. Bir temsilcinin görmesi gerekiyorsa "temsilci" yazın, o da görecek.',
  },
  // Phone callbacks. `example`: a number as the player should write it; `phone`, `window`, `language` as the player reads them.
  callbackAskPhone: {
    en: 'Sure, we can call you. What number should we call? Please write it with the country code, e.g. {example}.',
    ru: 'Конечно, мы можем вам позвонить. На какой номер звонить? Напишите его с кодом страны, например {example}.',
    az: 'Əlbəttə, sizə zəng edə bilərik. Hansı nömrəyə zəng edək? Nömrəni ölkə kodu ilə yazın, məsələn {example}.',
    tr: 'Elbette, sizi arayabiliriz. Hangi numarayı arayalım? Lütfen ülke koduyla yazın, örneğin {example}.',
  },
  callbackBadPhone: {
    en: 'That does not look like a phone number we can call. Please write the whole number with the country code, e.g. {example}.',
    ru: 'Это не похоже на номер, по которому можно позвонить. Напишите полный номер с кодом страны, например {example}.',
    az: 'Bu, zəng edə biləcəyimiz nömrəyə oxşamır. Nömrəni tam, ölkə kodu ilə yazın, məsələn {example}.',
    tr: 'Bu aranabilecek bir numaraya benzemiyor. Lütfen numaranın tamamını ülke koduyla yazın, örneğin {example}.',
  },
  callbackAskLanguage: {
    en: 'Which language should we speak on the call?',
    ru: 'На каком языке с вами говорить?',
    az: 'Zəng zamanı hansı dildə danışaq?',
    tr: 'Görüşmede hangi dilde konuşalım?',
  },
  callbackAskWindow: {
    en: 'When is a good time to call? Times are {zone}.',
    ru: 'Когда вам удобно принять звонок? Время указано по {zone}.',
    az: 'Sizə nə vaxt zəng etmək rahatdır? Vaxt {zone} ilə göstərilib.',
    tr: 'Sizi ne zaman arayalım? Saatler {zone} saatine göredir.',
  },
  callbackAsap: { en: 'As soon as possible', ru: 'Как можно скорее', az: 'Mümkün qədər tez', tr: 'En kısa sürede' },
  callbackAsapPhrase: { en: 'as soon as possible', ru: 'как можно скорее', az: 'mümkün qədər tez', tr: 'en kısa sürede' },
  callbackBooked: {
    en: 'Thank you! We will call {phone} {window}. The call will be in {language}.',
    ru: 'Спасибо! Мы позвоним на номер {phone} {window}. Язык звонка: {language}.',
    az: 'Təşəkkürlər! {phone} nömrəsinə {window} zəng edəcəyik. Zəngin dili: {language}.',
    tr: 'Teşekkürler! {phone} numarasını {window} arayacağız. Görüşme dili: {language}.',
  },
  callbackAdded: {
    en: 'Thank you! We will call {phone} {window}. The call will be in {language}. Your request {ticketId} stays in the queue.',
    ru: 'Спасибо! Мы позвоним на номер {phone} {window}. Язык звонка: {language}. Ваше обращение {ticketId} остаётся в очереди.',
    az: 'Təşəkkürlər! {phone} nömrəsinə {window} zəng edəcəyik. Zəngin dili: {language}. {ticketId} müraciətiniz növbədə qalır.',
    tr: 'Teşekkürler! {phone} numarasını {window} arayacağız. Görüşme dili: {language}. {ticketId} talebiniz sırada kalıyor.',
  },
  callbackCancelled: {
    en: 'All right, no call. Is there anything else I can help with?',
    ru: 'Хорошо, звонить не будем. Могу ещё чем-то помочь?',
    az: 'Yaxşı, zəng etməyəcəyik. Başqa nə ilə kömək edə bilərəm?',
    tr: 'Tamam, aramayacağız. Başka bir konuda yardımcı olabilir miyim?',
  },
  callbackGaveUp: {
    en: 'I still have no number we can call, so I have stopped asking. Write "call me" whenever you would like to try again.',
    ru: 'У меня по-прежнему нет номера, по которому можно позвонить, поэтому я больше не спрашиваю. Напишите «перезвоните», когда захотите попробовать снова.',
    az: 'Hələ də zəng edə biləcəyimiz nömrə yoxdur, ona görə soruşmağı dayandırdım. Yenidən cəhd etmək istəsəniz, «mənə zəng edin» yazın.',
    tr: 'Hâlâ arayabileceğimiz bir numara yok, bu yüzden sormayı bıraktım. Tekrar denemek isterseniz "beni arayın" yazın.',
  },
  actionCallbackCancel: { en: 'Cancel the call', ru: 'Отменить звонок', az: 'Zəngi ləğv et', tr: 'Aramayı iptal et' },
  // Told on the player's channel when the agent records how the call went.
  callbackDone: {
    en: 'Thank you for talking with us on the phone. Request {ticketId} is closed. How would you rate the help, from 1 (poor) to 5 (excellent)?',
    ru: 'Спасибо за разговор по телефону. Обращение {ticketId} закрыто. Оцените, пожалуйста, помощь от 1 (плохо) до 5 (отлично).',
    az: 'Telefonla danışdığınız üçün təşəkkürlər. {ticketId} müraciəti bağlandı. Aldığınız köməyi 1-dən (pis) 5-ə (əla) qədər qiymətləndirin.',
    tr: 'Telefonda bizimle konuştuğunuz için teşekkürler. {ticketId} talebi kapatıldı. Aldığınız yardımı 1 (kötü) ile 5 (mükemmel) arasında puanlar mısınız?',
  },
  callbackFailed: {
    en: 'We tried to call {phone} but could not reach you, so request {ticketId} is closed. Write "call me" to ask for another call, or write your question here.',
    ru: 'Мы пытались позвонить на номер {phone}, но не дозвонились, поэтому обращение {ticketId} закрыто. Напишите «перезвоните», чтобы заказать новый звонок, или задайте вопрос здесь.',
    az: '{phone} nömrəsinə zəng etdik, amma sizə çata bilmədik, ona görə {ticketId} müraciəti bağlandı. Yeni zəng üçün «mənə zəng edin» yazın və ya sualınızı burada yazın.',
    tr: '{phone} numarasını aradık ama size ulaşamadık, bu yüzden {ticketId} talebi kapatıldı. Yeni bir arama için "beni arayın" yazın ya da sorunuzu buraya yazın.',
  },
  callbackRescheduled: {
    en: 'Your call has been moved: we will call {phone} {window}.',
    ru: 'Звонок перенесён: мы позвоним на номер {phone} {window}.',
    az: 'Zənginiz başqa vaxta keçirildi: {phone} nömrəsinə {window} zəng edəcəyik.',
    tr: 'Aramanız ertelendi: {phone} numarasını {window} arayacağız.',
  },
  sourceLabel: { en: 'Source', ru: 'Источник', az: 'Mənbə', tr: 'Kaynak' },
  chooseOption: { en: 'Choose an option:', ru: 'Выберите вариант:', az: 'Variant seçin:', tr: 'Bir seçenek seçin:' },
  optionsButton: { en: 'Options', ru: 'Варианты', az: 'Variantlar', tr: 'Seçenekler' },
} satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof catalog;

const LOCALES: Locale[] = ['en', 'ru', 'az', 'tr'];

/** True when the text is this message in any language (how a tapped button comes back as text). */
export function isLocalized(text: string, key: MessageKey): boolean {
  const normalized = text.trim().toLowerCase();
  return LOCALES.some((locale) => localize(locale, key).toLowerCase() === normalized);
}

/** The message in this language, its arguments formatted from `params` (every argument it names must be given). */
export function localize(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return formatMessage(locale, catalog[key][locale], params);
}

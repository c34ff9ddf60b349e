// The scripts calls are written from, per language (tr, en, de) and kind of call: openings, the
// middle turns, closings by outcome, and the text of a prose summary. Emoji and Arabic mixed in.

import type { Customer } from "./customers";

export type Speaker = "ai" | "user";
export type Turn = readonly [Speaker, string];
export type ScenarioKind = "sales" | "support" | "appointment" | "web";

export interface TranscriptContext {
  customer: Customer;
  persona: string;
  company: string;
  lang: "tr" | "en" | "de";
  kind: ScenarioKind;
  outcome: string;
  date: string;
  time: string;
}

export interface Scenario {
  opening: Turn[];
  middle: ReadonlyArray<readonly [string, string]>;
  closings: Record<string, Turn[]>;
  fallbackClosing: Turn[];
  customerHangsUp: string;
  assistantEnds: string;
  voicemail: Turn[];
  prose: string;
  longFiller: (n: number) => readonly [string, string];
}

const TR_COMMON = {
  customerHangsUp: "Kusura bakmayın, şu an müsait değilim, kapatmam lazım.",
  assistantEnds: "Görüşmemizi burada sonlandırıyorum, ilginiz için teşekkürler. İyi günler dilerim.",
  voicemail: [
    ["user", "[Sesli mesaj] Aradığınız kişiye şu anda ulaşılamıyor. Lütfen sinyal sesinden sonra mesajınızı bırakın."],
    ["ai", "Merhaba, ben {company} adına {persona}. Sizi daha sonra tekrar arayacağız. İyi günler."],
  ] as Turn[],
  longFiller: (n: number) =>
    [
      `Bir sorum daha var (${n}. madde): sözleşmedeki bu maddeyi tekrar açıklar mısınız? Özellikle ücretler, iptal koşulları ve taahhüt süresi konusunda emin olmak istiyorum.`,
      `Elbette, ${n}. madde şöyle: taahhüt süresi 12 ay; iptal halinde kalan ayların indirimi iade ediliyor. Ücretler her ay faturanızda ayrı satır olarak görünüyor, ek bir ücret çıkmıyor.`,
    ] as const,
};

const TR_SCENARIOS: Record<ScenarioKind, Scenario> = {
  sales: {
    ...TR_COMMON,
    opening: [
      ["ai", "Merhaba, ben {company} adına arıyorum, adım {persona}. {customer} ile mi görüşüyorum?"],
      ["user", "Evet, benim. Buyurun."],
    ],
    middle: [
      ["Size özel bir kredi kartı kampanyamız var: ilk yıl aidatsız, market alışverişlerinde %5 iade. Birkaç dakikanızı alabilir miyim?", "Olur, kısaca anlatın lütfen."],
      ["Şu an kullandığınız kartın limiti ihtiyaçlarınızı karşılıyor mu?", "Açıkçası limit biraz düşük, artırmak istiyordum."],
      ["Anlıyorum. Bizde başlangıç limiti gelirinize göre 25.000 ₺'ye kadar çıkabiliyor.", "Peki ikinci yıl aidat ne kadar oluyor?"],
      ["İkinci yıl aidat 450 ₺; yılda 12.000 ₺ üzeri harcamada yine ücretsiz.", "Hmm, mantıklı görünüyor. Başvuru için şubeye gitmem gerekiyor mu?"],
      ["Hayır, başvuruyu telefonda başlatabiliyoruz; kimliğiniz kuryeyle doğrulanıyor.", "Kurye hangi gün gelir? Çarşamba günleri evde değilim."],
      ["Kuryeyi size uygun güne planlayabiliriz, Perşembe öğleden sonra olur mu?", "Perşembe uyar, saat üçten sonra."],
      ["{city} için kurye hizmetimiz var, adresinizi teyit edebilir miyim?", "Adresim aynı, geçen ay güncellemiştim."],
    ],
    closings: {
      qualified_lead: [["ai", "Harika, başvurunuzu oluşturdum. Onay SMS'i birazdan gelecek. İyi günler dilerim!"], ["user", "Teşekkürler, size de iyi günler."]],
      callback_requested: [["user", "Şu an işteyim, beni akşam altıdan sonra arayabilir misiniz?"], ["ai", "Elbette, saat 18:00'den sonra tekrar arayacağız. İyi çalışmalar!"]],
      not_interested: [["user", "Açıkçası ilgilenmiyorum, lütfen beni listeden çıkarın."], ["ai", "Anlıyorum, kaydınızı güncelledim. İyi günler."]],
      appointment_booked: [["ai", "Randevunuzu {date} saat {time} için oluşturdum, hatırlatma mesajı göndereceğim."], ["user", "Süper, teşekkür ederim."]],
      wrong_number: [["user", "Yanlış numara, burada öyle biri yok."], ["ai", "Özür dilerim, rahatsız ettim. İyi günler."]],
    },
    fallbackClosing: [["ai", "Bilgi için teşekkürler, iyi günler dilerim."], ["user", "Size de, hoşça kalın."]],
    prose: "Görüşme özeti: Müşteri {customer} ({city}) kredi kartı kampanyasıyla ilgilendi; aidat ve limit sordu. Temsilci {persona} koşulları açıkladı, müşteri ikinci yıl aidatını pahalı buldu ama başvuruyu değerlendireceğini söyledi. Not: müşteri öğleden sonra aranmayı tercih ediyor.",
  },
  support: {
    ...TR_COMMON,
    opening: [
      ["ai", "{company} müşteri hizmetlerine hoş geldiniz, ben {persona}. Size nasıl yardımcı olabilirim?"],
      ["user", "Merhaba, faturamda aynı ücret iki kez çekilmiş görünüyor."],
    ],
    middle: [
      ["Anlıyorum, hemen kontrol ediyorum. Kimlik doğrulama için T.C. kimlik numaranızın son dört hanesini alabilir miyim?", "Tabii, 4 8 1 2."],
      ["Teşekkürler {customer}. Evet, 14'ünde 349,90 ₺ iki kez yansımış görünüyor.", "Evet, tam olarak o. İade ne zaman yapılır?"],
      ["İade talebinizi oluşturdum; 3 ila 5 iş günü içinde kartınıza yansıyacak.", "Peki internetim de iki gündür çok yavaş, o da çözülebilir mi?"],
      ["Bölgenizde ({city}) planlı bir bakım çalışması görünüyor, yarın sabaha kadar sürecek.", "Öyle mi? Hiç SMS gelmedi ama."],
      ["Haklısınız, bilgilendirme yapılmalıydı. Bu ayki faturanıza 50 ₺ indirim tanımladım.", "Çok teşekkürler, çok naziksiniz."],
      ["Başka yardımcı olabileceğim bir konu var mı?", "Adres değişikliği de yapmam lazım aslında, taşındım."],
    ],
    closings: {
      resolved: [["ai", "Talebinizi tamamladım. Bizi tercih ettiğiniz için teşekkürler, iyi günler!"], ["user", "Teşekkürler, iyi günler."]],
      escalated: [["ai", "Bu konuyu uzman ekibimize aktarıyorum; 24 saat içinde sizi arayacaklar."], ["user", "Tamam, bekliyorum."]],
      callback_requested: [["user", "Şimdi araba kullanıyorum, beni sonra arar mısınız?"], ["ai", "Tabii, bir saat sonra tekrar arayacağız. Güvenli sürüşler."]],
      information_provided: [["ai", "Detayları SMS ile de gönderiyorum. İyi günler dilerim."], ["user", "Sağ olun."]],
      wrong_number: [["user", "Pardon, yanlış yeri aramışım, bankayı arayacaktım."], ["ai", "Sorun değil, iyi günler."]],
    },
    fallbackClosing: [["ai", "Başka bir sorunuz olursa bize her zaman ulaşabilirsiniz. İyi günler."], ["user", "Teşekkürler."]],
    prose: "Arayan {customer} faturasında mükerrer çekim olduğunu bildirdi. Kimlik doğrulandı, iade talebi açıldı (3-5 iş günü). Ayrıca {city} bölgesindeki bakım çalışması nedeniyle yaşanan yavaşlık için 50 ₺ indirim tanımlandı. Müşteri memnun ayrıldı.",
  },
  appointment: {
    ...TR_COMMON,
    opening: [
      ["ai", "Merhaba {customer}, {company} Diş Kliniği'nden {persona} arıyorum. {date} saat {time}'daki randevunuzu teyit etmek istiyorum."],
      ["user", "Ah evet, hatırlıyorum. Bir saniye takvimime bakayım."],
    ],
    middle: [
      ["Tabii, bekliyorum.", "Tamam, o saat bana uyuyor. Ama biraz geç kalabilirim, trafik olabiliyor."],
      ["Sorun değil, 15 dakikaya kadar bekleyebiliyoruz. Sigorta kartınızı getirmeyi unutmayın.", "Özel sigortam değişti, yeni kartla olur mu?"],
      ["Olur, yeni kartınızı kayda ekleriz. Tedaviden önce bir şey yememeniz gerekiyor mu, doktorunuz söyledi mi?", "Söylemedi, gerek var mı?"],
      ["Dolgu işlemi için gerek yok, ama işlemden sonra iki saat yememeniz öneriliyor.", "Anladım, teşekkürler."],
    ],
    closings: {
      appointment_booked: [["ai", "Randevunuz onaylandı. Görüşmek üzere, sağlıklı günler!"], ["user", "Görüşmek üzere."]],
      rescheduled: [["user", "Aslında o gün işim çıktı, bir sonraki haftaya alabilir miyiz?"], ["ai", "Tabii, randevunuzu bir hafta sonraya, aynı saate aldım."]],
      callback_requested: [["user", "Şu an konuşamıyorum, akşam döner misiniz?"], ["ai", "Elbette, akşam tekrar arayacağız."]],
      not_interested: [["user", "Randevuyu iptal etmek istiyorum, başka bir klinikle devam edeceğim."], ["ai", "Anlıyorum, randevunuzu iptal ettim. Sağlıklı günler."]],
    },
    fallbackClosing: [["ai", "Teşekkür ederim, iyi günler."], ["user", "İyi günler."]],
    prose: "Randevu teyit araması: {customer}, {date} {time} randevusunu onayladı; sigorta kartı değiştiği için yeni kart bilgisi istenecek. Hasta geç kalabileceğini belirtti.",
  },
  web: {
    ...TR_COMMON,
    opening: [
      ["ai", "Merhaba! 👋 {company} web sitesine hoş geldiniz, ben {persona}. Size nasıl yardımcı olabilirim?"],
      ["user", "Selam, fiyatlarınızı öğrenmek istiyorum 🙂"],
    ],
    middle: [
      ["Tabii! Bireysel paketimiz aylık 199 ₺, kurumsal paketimiz 749 ₺'den başlıyor. Hangisiyle ilgileniyorsunuz?", "Kurumsal, 12 kişilik bir ekibiz."],
      ["Harika 🙌 12 kişi için yıllık ödemede %15 indirim uygulanıyor.", "Deneme süresi var mı?"],
      ["Evet, 14 gün ücretsiz deneyebilirsiniz, kredi kartı gerekmiyor ✅", "Süper, demo görüşmesi ayarlayabilir miyiz?"],
      ["Elbette. Size hangi gün uygun?", "Perşembe öğleden sonra olur 🙏"],
    ],
    closings: {
      qualified_lead: [["ai", "Bilgilerinizi satış ekibimize ilettim, kısa süre içinde size dönecekler 🚀"], ["user", "Teşekkürler!"]],
      appointment_booked: [["ai", "Demo görüşmeniz {date} {time} için ayarlandı 📅"], ["user", "Harika, görüşürüz 👍"]],
      information_provided: [["ai", "Başka bir sorunuz olursa buradayım 😊"], ["user", "Tamamdır, sağ olun."]],
      not_interested: [["user", "Biraz pahalı geldi, şimdilik bakıyorum sadece."], ["ai", "Anlıyorum, dilediğiniz zaman yazabilirsiniz 🙂"]],
    },
    fallbackClosing: [["ai", "İyi günler dilerim! 👋"], ["user", "👍"]],
    prose: "Web sohbeti 💬: ziyaretçi kurumsal paket fiyatlarını sordu (12 kişilik ekip), 14 günlük deneme ve demo talep etti. 🙂",
  },
};

const EN_COMMON = {
  customerHangsUp: "Sorry, I really have to go now. Bye.",
  assistantEnds: "I'll end the call here. Thank you for your time and have a great day.",
  voicemail: [
    ["user", "[Voicemail] Hi, you've reached {customer}. Please leave a message after the tone."],
    ["ai", "Hi, this is {persona} from {company}. We'll try you again later. Thanks!"],
  ] as Turn[],
  longFiller: (n: number) =>
    [
      `One more question, item ${n}: can you walk me through the cancellation terms and any fees again? I want to be sure I understand the fine print before I sign anything.`,
      `Of course. For item ${n}: you can cancel any time within the first 30 days at no cost; after that there is a one-month notice period and no additional fees, as stated in section ${n} of the agreement.`,
    ] as const,
};

const EN_SCENARIOS: Record<ScenarioKind, Scenario> = {
  sales: {
    ...EN_COMMON,
    opening: [
      ["ai", "Hello, this is {persona} from {company}. Am I speaking with {customer}?"],
      ["user", "Yes, speaking. What's this about?"],
    ],
    middle: [
      ["We're offering existing customers a free upgrade to our premium plan for three months. Do you have a minute?", "Sure, go ahead, but keep it short please."],
      ["The premium plan includes priority support and analytics dashboards. How many people on your team use the product today?", "About fifteen, give or take."],
      ["Great. For teams of that size we can also add single sign-on at no extra cost.", "What happens after the three months?"],
      ["It renews at $49 per seat per month, but you can downgrade at any time, no questions asked.", "Okay, that sounds reasonable."],
    ],
    closings: {
      qualified_lead: [["ai", "Perfect, I've noted your interest and a specialist will email you today."], ["user", "Sounds good, thanks."]],
      callback_requested: [["user", "I'm in a meeting, can you call me back tomorrow morning?"], ["ai", "Absolutely, we'll call you tomorrow morning. Have a good day!"]],
      not_interested: [["user", "Honestly we're not interested. Please take me off your list."], ["ai", "Understood, I've removed you from our list. Sorry for the interruption."]],
      appointment_booked: [["ai", "I've booked a demo for {date} at {time}. You'll get a calendar invite shortly."], ["user", "Great, see you then."]],
      wrong_number: [["user", "I think you have the wrong number."], ["ai", "My apologies for the inconvenience. Goodbye."]],
    },
    fallbackClosing: [["ai", "Thanks for your time, goodbye."], ["user", "Bye."]],
    prose: "Call summary: {customer} asked about the premium upgrade offer, questioned renewal pricing ($49/seat) and asked for details by email. Follow up this week.",
  },
  support: {
    ...EN_COMMON,
    opening: [
      ["ai", "Thank you for calling {company}, this is {persona}. How can I help you today?"],
      ["user", "Hi, I'd like to book a cleaning appointment, and I have a question about my bill."],
    ],
    middle: [
      ["Happy to help. Can I get your date of birth to pull up your file?", "Sure, March 3rd, 1985."],
      ["Thanks, {customer}. I see a balance of $85 from your last visit, which your insurance hasn't covered yet.", "That's odd, my insurer said they paid it."],
      ["I'll open a ticket with our billing team to check with the insurer. Now, for the cleaning, we have {date} at {time}.", "That works for me."],
      ["Do you need a reminder by text or by email?", "Text, please."],
    ],
    closings: {
      appointment_booked: [["ai", "You're all set for {date} at {time}. See you then!"], ["user", "Thank you, bye."]],
      resolved: [["ai", "Everything is sorted. Is there anything else I can help with?"], ["user", "No, that's all. Thanks!"]],
      escalated: [["ai", "I've escalated the billing question to our office manager; she'll call you back today."], ["user", "Okay, thanks."]],
      callback_requested: [["user", "Can someone call me back later? I'm driving."], ["ai", "Of course, we'll call you back this afternoon. Drive safe!"]],
      wrong_number: [["user", "Oh sorry, I meant to call the pharmacy."], ["ai", "No problem, have a good day."]],
    },
    fallbackClosing: [["ai", "Have a wonderful day!"], ["user", "You too."]],
    prose: "Caller {customer} booked a cleaning for {date} {time}. Billing question about an $85 balance escalated to the office manager. Prefers text reminders.",
  },
  appointment: {} as Scenario,
  web: {} as Scenario,
};
EN_SCENARIOS.appointment = EN_SCENARIOS.support;
EN_SCENARIOS.web = {
  ...EN_SCENARIOS.support,
  opening: [
    ["ai", "Hi there! 👋 I'm {persona}, the virtual assistant of {company}. How can I help?"],
    ["user", "hi, do you take new patients? 🙂"],
  ],
  prose: "Web chat 💬: visitor asked whether new patients are accepted and about opening hours on Saturdays.",
};

const DE_COMMON = {
  customerHangsUp: "Tut mir leid, ich muss jetzt auflegen. Tschüss.",
  assistantEnds: "Ich beende das Gespräch an dieser Stelle. Vielen Dank und einen schönen Tag noch.",
  voicemail: [
    ["user", "[Mailbox] Hallo, hier ist die Mailbox von {customer}. Bitte hinterlassen Sie eine Nachricht nach dem Signalton."],
    ["ai", "Guten Tag, hier ist {persona} von {company}. Wir versuchen es später noch einmal. Auf Wiederhören."],
  ] as Turn[],
  longFiller: (n: number) =>
    [
      `Noch eine Frage zu Punkt ${n}: Können Sie mir die Kündigungsfristen und die Gebühren noch einmal genau erklären? Ich möchte sicher sein, dass ich alles verstanden habe.`,
      `Gerne. Zu Punkt ${n}: Die Mindestlaufzeit beträgt 24 Monate, danach ist der Vertrag monatlich kündbar. Es fallen keine zusätzlichen Gebühren an, die Anschlussgebühr von 69,99 € entfällt.`,
    ] as const,
};

const DE_SCENARIOS: Record<ScenarioKind, Scenario> = {
  sales: {
    ...DE_COMMON,
    opening: [
      ["ai", "Guten Tag, hier ist {persona} von {company}. Spreche ich mit {customer}?"],
      ["user", "Ja, am Apparat. Worum geht's?"],
    ],
    middle: [
      ["Ihre Straße in {city} wird gerade mit Glasfaser ausgebaut. Hätten Sie kurz Zeit für unser Angebot?", "Ja, kurz. Was kostet das denn?"],
      ["Der Tarif mit 500 Mbit/s kostet 39,99 € im Monat, die ersten sechs Monate nur 19,99 €.", "Und der Hausanschluss? Muss ich dafür etwas zahlen?"],
      ["Der Hausanschluss ist während der Ausbauphase kostenlos, normalerweise kostet er 799 €.", "Das klingt gut. Muss mein Vermieter zustimmen?"],
      ["Ja, bei Mietwohnungen braucht es die Zustimmung der Eigentümerin oder des Eigentümers; wir schicken Ihnen dafür ein Formular.", "Alles klar, schicken Sie es per E-Mail."],
    ],
    closings: {
      qualified_lead: [["ai", "Prima, ich habe Ihre Anfrage aufgenommen. Sie erhalten heute noch eine E-Mail."], ["user", "Danke, auf Wiederhören."]],
      callback_requested: [["user", "Rufen Sie mich bitte morgen Vormittag noch mal an, jetzt passt es schlecht."], ["ai", "Gern, wir melden uns morgen Vormittag. Schönen Tag noch!"]],
      not_interested: [["user", "Kein Interesse, bitte rufen Sie nicht mehr an."], ["ai", "Verstanden, ich habe Sie aus der Liste genommen. Auf Wiederhören."]],
      appointment_booked: [["ai", "Ich habe einen Beratungstermin am {date} um {time} Uhr eingetragen."], ["user", "Passt, danke schön."]],
      wrong_number: [["user", "Da sind Sie falsch verbunden."], ["ai", "Entschuldigen Sie bitte die Störung. Auf Wiederhören."]],
    },
    fallbackClosing: [["ai", "Vielen Dank für das Gespräch. Auf Wiederhören."], ["user", "Tschüss."]],
    prose: "Gesprächsnotiz: {customer} aus {city} interessiert sich für den Glasfaser-Tarif (500 Mbit/s). Vermieterzustimmung nötig, Formular per E-Mail. Rückruf gewünscht, bevorzugt vormittags.",
  },
  support: {
    ...DE_COMMON,
    opening: [
      ["ai", "Willkommen beim Kundenservice von {company}, mein Name ist {persona}. Wie kann ich Ihnen helfen?"],
      ["user", "Guten Tag, mein Internet fällt seit gestern ständig aus."],
    ],
    middle: [
      ["Das tut mir leid. Darf ich Ihre Kundennummer haben?", "Ja, das ist die 4711-0815."],
      ["Danke, {customer}. Ich sehe eine Störung im Bereich {city}, die Techniker sind bereits vor Ort.", "Wie lange dauert das ungefähr?"],
      ["Voraussichtlich bis heute Abend 18 Uhr. Ich schreibe Ihnen eine Gutschrift für den Ausfalltag gut.", "Das ist nett, danke."],
    ],
    closings: {
      resolved: [["ai", "Kann ich sonst noch etwas für Sie tun?"], ["user", "Nein, das war's. Vielen Dank!"]],
      escalated: [["ai", "Ich leite das an unseren Technikdienst weiter, Sie erhalten innerhalb von 24 Stunden einen Rückruf."], ["user", "Gut, danke."]],
      callback_requested: [["user", "Können Sie mich später zurückrufen? Ich bin gerade unterwegs."], ["ai", "Selbstverständlich, wir rufen Sie heute Nachmittag zurück."]],
      information_provided: [["ai", "Ich schicke Ihnen die Informationen noch per SMS. Schönen Tag!"], ["user", "Danke, ebenso."]],
      wrong_number: [["user", "Oh, Entschuldigung, ich wollte eigentlich die Stadtwerke anrufen."], ["ai", "Kein Problem. Auf Wiederhören."]],
    },
    fallbackClosing: [["ai", "Vielen Dank für Ihren Anruf. Auf Wiederhören."], ["user", "Wiederhören."]],
    prose: "Anruf von {customer}: Internetausfall seit gestern, Störung im Bereich {city} bekannt. Gutschrift für einen Tag angelegt, Kunde zufrieden.",
  },
  appointment: {} as Scenario,
  web: {} as Scenario,
};
DE_SCENARIOS.appointment = {
  ...DE_SCENARIOS.sales,
  opening: [
    ["ai", "Guten Tag {customer}, hier ist {persona} von {company}. Ich rufe wegen Ihres Installationstermins am {date} um {time} Uhr an."],
    ["user", "Ach ja, genau. Der Techniker kommt dann zu mir nach Hause?"],
  ],
  closings: {
    ...DE_SCENARIOS.sales.closings,
    rescheduled: [["user", "Können wir den Termin um eine Woche verschieben?"], ["ai", "Natürlich, ich habe den Termin um eine Woche verschoben."]],
  },
};
DE_SCENARIOS.web = {
  ...DE_SCENARIOS.support,
  opening: [
    ["ai", "Hallo! 👋 Ich bin {persona}, der digitale Assistent von {company}. Wie kann ich helfen?"],
    ["user", "Hi, ist Glasfaser in meiner Straße verfügbar? 🤔"],
  ],
  prose: "Web-Chat 💬: Besucher fragte nach der Glasfaser-Verfügbarkeit in seiner Straße und nach Preisen.",
};

export const SCENARIOS: Record<"tr" | "en" | "de", Record<ScenarioKind, Scenario>> = {
  tr: TR_SCENARIOS,
  en: EN_SCENARIOS,
  de: DE_SCENARIOS,
};

"""The intake checklist of rights and obligations: a versioned catalogue of stable item codes.

Each item is one thing the consulent explains at the gate (Baanbrekers pijler 1 "sterk en duidelijk aan de
poort", Groningen actielijn 1, MER §4.1): *what* to report, *when*, *how*, and *what happens otherwise*.
The Dutch text is plain language (taalniveau B1: short sentences, everyday words, one message per sentence);
the English, Arabic and Ukrainian versions say the same for newcomers and status holders (Groningen
actielijn 2: "beperkte taalvaardigheid ... nieuwkomers/statushouders").

Recorded checklists store the codes and ``CATALOGUE_VERSION``; change the wording freely, but give a new
code (and a new version) when an item starts to mean something else. The translations were written for
this catalogue and must be checked by a qualified translator before a municipality prints them.
"""

from dataclasses import dataclass

CATALOGUE_VERSION = "2026-1"

#: The languages the information sheet and the reminder letter exist in; others fall back to Dutch.
SHEET_LANGUAGES = ("nl", "en", "ar", "uk")
RTL_LANGUAGES = frozenset({"ar"})


@dataclass(frozen=True)
class Item:
    code: str
    group: str
    label: str  # short Dutch label on the consulent's checklist
    pictogram: str  # key in prevention/pictograms.py
    text: dict[str, str]


@dataclass(frozen=True)
class Group:
    code: str
    heading: dict[str, str]


GROUPS: tuple[Group, ...] = (
    Group(
        "wat",
        {
            "nl": "Wat moet u doorgeven?",
            "en": "What must you report?",
            "ar": "ما الذي يجب أن تبلغ عنه؟",
            "uk": "Про що потрібно повідомляти?",
        },
    ),
    Group(
        "wanneer",
        {
            "nl": "Wanneer geeft u het door?",
            "en": "When do you report it?",
            "ar": "متى تبلغ عنه؟",
            "uk": "Коли потрібно повідомити?",
        },
    ),
    Group(
        "hoe",
        {
            "nl": "Hoe geeft u het door?",
            "en": "How do you report it?",
            "ar": "كيف تبلغ عنه؟",
            "uk": "Як повідомити?",
        },
    ),
    Group(
        "anders",
        {
            "nl": "Wat gebeurt er als u het niet doorgeeft?",
            "en": "What happens if you do not report it?",
            "ar": "ماذا يحدث إذا لم تبلغ عنه؟",
            "uk": "Що буде, якщо ви не повідомите?",
        },
    ),
)

ITEMS: tuple[Item, ...] = (
    Item(
        "wat_werk_inkomen",
        "wat",
        "Werk en inkomen",
        "work",
        {
            "nl": "Werk en inkomen: u krijgt werk, u gaat meer of minder uren werken, of u krijgt ander geld, "
            "zoals alimentatie of een andere uitkering.",
            "en": "Work and income: you start a job, you work more or fewer hours, or you receive other money, "
            "such as alimony or another benefit.",
            "ar": "العمل والدخل: تبدأ عملًا، أو تعمل ساعات أكثر أو أقل، أو تحصل على مال آخر، "
            "مثل النفقة أو إعانة أخرى.",
            "uk": "Робота і дохід: ви починаєте працювати, працюєте більше або менше годин або отримуєте інші "
            "гроші, наприклад аліменти чи іншу допомогу.",
        },
    ),
    Item(
        "wat_samenwonen",
        "wat",
        "Samenwonen en wie er bij u woont",
        "together",
        {
            "nl": "Samenwonen: u gaat samenwonen, of iemand komt bij u wonen of gaat weg.",
            "en": "Living together: you start living with a partner, or someone moves in with you or moves out.",
            "ar": "السكن المشترك: تبدأ العيش مع شريك، أو ينتقل شخص للسكن معك أو يغادر.",
            "uk": "Спільне проживання: ви починаєте жити з партнером, або хтось переїжджає до вас чи виїжджає.",
        },
    ),
    Item(
        "wat_verhuizen",
        "wat",
        "Verhuizen",
        "move",
        {
            "nl": "Verhuizen: u gaat op een ander adres wonen.",
            "en": "Moving house: you go to live at another address.",
            "ar": "الانتقال: تنتقل للسكن في عنوان آخر.",
            "uk": "Переїзд: ви переїжджаєте на іншу адресу.",
        },
    ),
    Item(
        "wat_vermogen",
        "wat",
        "Geld en bezit (vermogen)",
        "money",
        {
            "nl": "Geld en bezit: u krijgt spaargeld, een erfenis, een auto of iets anders dat geld waard is.",
            "en": "Money and possessions: you get savings, an inheritance, a car or anything else worth money.",
            "ar": "المال والممتلكات: تحصل على مدخرات أو ميراث أو سيارة أو أي شيء آخر له قيمة مالية.",
            "uk": "Гроші та майно: ви отримуєте заощадження, спадщину, автомобіль або щось інше, що має цінність.",
        },
    ),
    Item(
        "wat_buitenland",
        "wat",
        "Verblijf in het buitenland",
        "abroad",
        {
            "nl": "Buitenland: u gaat naar het buitenland, ook voor een vakantie of familiebezoek.",
            "en": "Going abroad: you travel abroad, also for a holiday or to visit family.",
            "ar": "السفر إلى الخارج: تسافر إلى الخارج، حتى لو كان ذلك لقضاء عطلة أو لزيارة العائلة.",
            "uk": "Виїзд за кордон: ви їдете за кордон, також у відпустку чи до родини.",
        },
    ),
    Item(
        "wat_detentie",
        "wat",
        "Detentie",
        "prison",
        {
            "nl": "Gevangenis: u moet naar de gevangenis of zit in voorarrest.",
            "en": "Prison: you have to go to prison or are held in custody.",
            "ar": "السجن: يجب أن تدخل السجن أو تكون محتجزًا على ذمة التحقيق.",
            "uk": "В'язниця: ви потрапляєте до в'язниці або під варту.",
        },
    ),
    Item(
        "wat_studie",
        "wat",
        "Studie of opleiding",
        "study",
        {
            "nl": "Studie: u gaat naar school of gaat een opleiding of studie doen.",
            "en": "Study: you go to school or start a course or studies.",
            "ar": "الدراسة: تذهب إلى المدرسة أو تبدأ دورة تدريبية أو دراسة.",
            "uk": "Навчання: ви йдете до школи або починаєте навчання чи курс.",
        },
    ),
    Item(
        "wanneer_binnen_week",
        "wanneer",
        "Meteen, uiterlijk binnen 1 week",
        "week",
        {
            "nl": "Geef een wijziging meteen door, en uiterlijk binnen 1 week.",
            "en": "Report a change straight away, and within 1 week at the latest.",
            "ar": "أبلغ عن التغيير فورًا، وفي موعد أقصاه أسبوع واحد.",
            "uk": "Повідомляйте про зміну одразу, не пізніше ніж через 1 тиждень.",
        },
    ),
    Item(
        "wanneer_vooraf",
        "wanneer",
        "Vooraf, als u het al weet",
        "before",
        {
            "nl": "Weet u het al eerder? Geef het dan door voordat het gebeurt. "
            "Bijvoorbeeld voordat u naar het buitenland gaat.",
            "en": "Do you know in advance? Then report it before it happens. "
            "For example, before you travel abroad.",
            "ar": "هل تعرف ذلك مسبقًا؟ إذن أبلغ عنه قبل أن يحدث. مثلًا قبل أن تسافر إلى الخارج.",
            "uk": "Знаєте заздалегідь? Тоді повідомте до того, як це станеться. "
            "Наприклад, перед поїздкою за кордон.",
        },
    ),
    Item(
        "hoe_formulier",
        "hoe",
        "Formulier Wijziging doorgeven (met bewijs)",
        "form",
        {
            "nl": "Met het formulier Wijziging doorgeven op de website van de gemeente. U krijgt een bewijs.",
            "en": "With the Report a change form (Wijziging doorgeven) on the municipality's website. "
            "You get a receipt.",
            "ar": "عبر نموذج «الإبلاغ عن تغيير» (Wijziging doorgeven) على موقع البلدية. ستحصل على إيصال.",
            "uk": "Через форму «Повідомити про зміну» (Wijziging doorgeven) на сайті муніципалітету. "
            "Ви отримаєте підтвердження.",
        },
    ),
    Item(
        "hoe_telefoon",
        "hoe",
        "Bellen met de consulent",
        "phone",
        {
            "nl": "Bel uw consulent of uw contactpersoon.",
            "en": "Call your consultant or your contact person.",
            "ar": "اتصل بمستشارك أو بالشخص المسؤول عن التواصل معك.",
            "uk": "Зателефонуйте своєму консультантові або контактній особі.",
        },
    ),
    Item(
        "hoe_balie",
        "hoe",
        "Aan de balie, met papieren",
        "desk",
        {
            "nl": "Kom langs bij de balie van de gemeente. Neem papieren mee, zoals een loonstrook of contract.",
            "en": "Come to the municipality's desk. Bring papers, such as a payslip or a contract.",
            "ar": "تعال إلى مكتب الاستقبال في البلدية. أحضر معك الأوراق، مثل قسيمة الراتب أو العقد.",
            "uk": "Прийдіть до стійки прийому в муніципалітеті. Візьміть із собою документи, "
            "наприклад розрахунковий лист або договір.",
        },
    ),
    Item(
        "anders_terugbetalen",
        "anders",
        "Terugbetalen (terugvordering)",
        "repay",
        {
            "nl": "Geeft u een wijziging niet of te laat door? Dan krijgt u misschien te veel geld. "
            "Dat geld moet u terugbetalen.",
            "en": "If you do not report a change, or report it too late, you may receive too much money. "
            "You must pay that money back.",
            "ar": "إذا لم تبلغ عن تغيير أو أبلغت عنه متأخرًا، فقد تحصل على مال أكثر من حقك. "
            "ويجب عليك إعادة هذا المال.",
            "uk": "Якщо ви не повідомите про зміну або повідомите надто пізно, ви можете отримати забагато "
            "грошей. Ці гроші потрібно буде повернути.",
        },
    ),
    Item(
        "anders_boete",
        "anders",
        "Boete of waarschuwing",
        "fine",
        {
            "nl": "U kunt dan ook een boete krijgen. Soms krijgt u eerst een waarschuwing.",
            "en": "You can also get a fine. Sometimes you get a warning first.",
            "ar": "ويمكن أيضًا أن تُفرض عليك غرامة. وأحيانًا تحصل أولًا على إنذار.",
            "uk": "Вам також можуть призначити штраф. Іноді спочатку ви отримуєте попередження.",
        },
    ),
    Item(
        "anders_twijfel",
        "anders",
        "Bij twijfel: vragen",
        "ask",
        {
            "nl": "Twijfelt u of iets belangrijk is? Vraag het ons. Dan voorkomt u problemen.",
            "en": "Not sure if something matters? Ask us. That way you avoid problems.",
            "ar": "هل أنت غير متأكد إن كان أمر ما مهمًا؟ اسألنا. هكذا تتجنب المشاكل.",
            "uk": "Не впевнені, чи це важливо? Запитайте нас. Так ви уникнете проблем.",
        },
    ),
)

ITEM_BY_CODE = {item.code: item for item in ITEMS}
ITEM_CODES = tuple(ITEM_BY_CODE)

#: The sheet's and the reminder letter's fixed texts, per language.
SHEET_TEXT: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Uw rechten en plichten bij de bijstand",
        "intro": "U krijgt een bijstandsuitkering. Daar horen afspraken bij. Op dit blad staat wat u moet "
        "doorgeven, wanneer en hoe. En wat er gebeurt als u dat niet doet.",
        "rights_heading": "Uw rechten",
        "rights": "U krijgt de uitkering waar u recht op heeft. Begrijpt u iets niet? Dan leggen wij het uit. "
        "U mag altijd vragen stellen. Vragen kost niets.",
        "law": "Dit staat in de wet: artikel 17 van de Participatiewet.",
        "contact": "Uw contactpersoon",
        "translation_note": "",
        "reminder_subject": "Herinnering: geef wijzigingen op tijd door",
        "greeting": "Beste {name},",
        "reminder_body": "Wij sturen u elk jaar deze herinnering. Is er iets veranderd in uw leven? "
        "Geef het dan door. Hieronder staat wat u moet doorgeven.",
        "reminder_event": "Er verandert binnenkort iets in uw leven: {topic}. Denk eraan dit door te geven.",
        "interpreter": "Wilt u een tolk bij een gesprek? Zeg het ons. Dat kost u niets.",
        "closing": "Met vriendelijke groet,",
    },
    "en": {
        "title": "Your rights and duties when you receive social assistance",
        "intro": "You receive social assistance (bijstand). This comes with agreements. This sheet tells you "
        "what you must report, when and how, and what happens if you do not.",
        "rights_heading": "Your rights",
        "rights": "You receive the benefit you are entitled to. If you do not understand something, we explain "
        "it. You can always ask questions. Asking costs nothing.",
        "law": "This is the law: Article 17 of the Participation Act (Participatiewet).",
        "contact": "Your contact person",
        "translation_note": "This is a translation. If in doubt, the Dutch text applies.",
        "reminder_subject": "Reminder: report changes on time",
        "greeting": "Dear {name},",
        "reminder_body": "Every year we send you this reminder. Has anything changed in your life? "
        "Then please report it. Below you can see what you must report.",
        "reminder_event": "Something in your life will change soon: {topic}. Remember to report it.",
        "interpreter": "Would you like an interpreter at a meeting? Tell us. It costs you nothing.",
        "closing": "Kind regards,",
    },
    "ar": {
        "title": "حقوقك وواجباتك عند الحصول على المساعدة الاجتماعية",
        "intro": "أنت تحصل على مساعدة اجتماعية (bijstand). ولهذا شروط. في هذه الورقة تجد ما يجب أن تبلغ عنه، "
        "ومتى وكيف، وماذا يحدث إذا لم تفعل ذلك.",
        "rights_heading": "حقوقك",
        "rights": "تحصل على المساعدة التي يحق لك الحصول عليها. إذا لم تفهم شيئًا، نشرحه لك. "
        "يمكنك دائمًا أن تسأل. السؤال مجاني.",
        "law": "هذا منصوص عليه في القانون: المادة 17 من قانون المشاركة (Participatiewet).",
        "contact": "الشخص المسؤول عن التواصل معك",
        "translation_note": "هذه ترجمة. في حالة الشك، يُعتمد النص الهولندي.",
        "reminder_subject": "تذكير: أبلغ عن التغييرات في الوقت المحدد",
        "greeting": "عزيزي/عزيزتي {name}،",
        "reminder_body": "نرسل إليك هذا التذكير كل عام. هل تغيّر شيء في حياتك؟ إذن أبلغنا به. "
        "تجد أدناه ما يجب أن تبلغ عنه.",
        "reminder_event": "سيتغير شيء في حياتك قريبًا: {topic}. تذكّر أن تبلغ عنه.",
        "interpreter": "هل تريد مترجمًا فوريًا في المقابلة؟ أخبرنا بذلك. لن يكلفك ذلك شيئًا.",
        "closing": "مع أطيب التحيات،",
    },
    "uk": {
        "title": "Ваші права та обов'язки під час отримання соціальної допомоги",
        "intro": "Ви отримуєте соціальну допомогу (bijstand). З нею пов'язані певні домовленості. На цьому "
        "аркуші написано, про що, коли і як потрібно повідомляти, і що буде, якщо ви цього не зробите.",
        "rights_heading": "Ваші права",
        "rights": "Ви отримуєте допомогу, на яку маєте право. Якщо ви чогось не розумієте, ми пояснимо. "
        "Ви завжди можете поставити запитання. Це безкоштовно.",
        "law": "Так записано в законі: стаття 17 Закону про участь (Participatiewet).",
        "contact": "Ваша контактна особа",
        "translation_note": "Це переклад. У разі сумнівів чинним є текст нідерландською мовою.",
        "reminder_subject": "Нагадування: вчасно повідомляйте про зміни",
        "greeting": "Шановний(а) {name},",
        "reminder_body": "Щороку ми надсилаємо вам це нагадування. Чи щось змінилося у вашому житті? "
        "Тоді повідомте нам. Нижче написано, про що потрібно повідомляти.",
        "reminder_event": "Незабаром у вашому житті дещо зміниться: {topic}. Не забудьте про це повідомити.",
        "interpreter": "Потрібен перекладач на зустрічі? Скажіть нам. Для вас це безкоштовно.",
        "closing": "З повагою,",
    },
}


def sheet_language(language: str) -> str:
    """The sheet language to use for a preferred language: itself when a sheet exists, else Dutch."""
    return language if language in SHEET_LANGUAGES else "nl"


def grouped_items(language: str, codes=None, groups=None) -> list[dict]:
    """The catalogue (or the given codes) per group, in ``language``: what the sheet and letters print."""
    language = sheet_language(language)
    wanted = set(ITEM_CODES if codes is None else codes)
    result = []
    for group in GROUPS:
        if groups is not None and group.code not in groups:
            continue
        items = [
            {"code": i.code, "text": i.text[language], "pictogram": i.pictogram}
            for i in ITEMS
            if i.group == group.code and i.code in wanted
        ]
        if items:
            result.append({"code": group.code, "heading": group.heading[language], "items": items})
    return result


def missing_groups(codes) -> list[str]:
    """The groups (what, when, how, otherwise) of which none of ``codes`` was explained."""
    covered = {ITEM_BY_CODE[c].group for c in codes if c in ITEM_BY_CODE}
    return [g.code for g in GROUPS if g.code not in covered]

"""Demo translations: the youth survey and the idea board of Rosenau in further languages."""

from __future__ import annotations

from sqlalchemy import select

from participation.extensions import db
from participation.multilingual.operations import set_translations

YOUTH_TITLE = "Jugendbefragung: Dein Rosenau"
BOARD_TITLE = "Ideenbörse Familienfreundliches Rosenau"

# German text -> {language: translation}. Texts are matched by their German wording, so a demo
# text changed elsewhere simply stays German (the participant then sees the German fallback).
YOUTH_TEXTS = {
    YOUTH_TITLE: {
        "en": "Youth survey: Your Rosenau",
        "tr": "Gençlik anketi: Senin Rosenau'n",
        "ar": "استطلاع الشباب: روزناو مدينتك",
        "uk": "Опитування молоді: Твій Розенау",
        "ls": "Umfrage für junge Menschen: Dein Rosenau",
    },
    "intro": {
        "en": "Hello! We want to know how you are doing in Rosenau and what you are missing. "
        "The survey is anonymous: nobody will find out what you ticked. It takes about eight minutes.",
        "tr": "Merhaba! Rosenau'da nasıl olduğunu ve neyin eksik olduğunu öğrenmek istiyoruz. "
        "Anket anonimdir, neyi işaretlediğini kimse öğrenmez. Yaklaşık sekiz dakika sürer.",
        "ar": "مرحبًا! نريد أن نعرف كيف حالك في روزناو وما الذي ينقصك. الاستطلاع مجهول الهوية، "
        "ولن يعرف أحد ما اخترته. يستغرق حوالي ثماني دقائق.",
        "uk": "Привіт! Ми хочемо знати, як тобі живеться в Розенау і чого тобі бракує. "
        "Опитування анонімне, ніхто не дізнається, що ти позначив. Це займе близько восьми хвилин.",
        "ls": "Hallo!\nWir wollen wissen: Wie geht es dir in Rosenau?\nWas fehlt dir?\n"
        "Niemand erfährt, was du ankreuzt.\nDie Umfrage dauert ungefähr 8 Minuten.",
    },
    "Über dich": {"en": "About you", "tr": "Senin hakkında", "ar": "عنك", "uk": "Про тебе"},
    "Freizeit": {"en": "Free time", "tr": "Boş zaman", "ar": "وقت الفراغ", "uk": "Дозвілля"},
    "Schule": {"en": "School", "tr": "Okul", "ar": "المدرسة", "uk": "Школа"},
    "Deine Ideen": {"en": "Your ideas", "tr": "Fikirlerin", "ar": "أفكارك", "uk": "Твої ідеї"},
    "Wie alt bist du?": {
        "en": "How old are you?",
        "tr": "Kaç yaşındasın?",
        "ar": "كم عمرك؟",
        "uk": "Скільки тобі років?",
        "ls": "Wie alt bist du?",
    },
    "Wo wohnst du?": {
        "en": "Where do you live?",
        "tr": "Nerede oturuyorsun?",
        "ar": "أين تسكن؟",
        "uk": "Де ти живеш?",
    },
    "Wie kommst du meistens zur Schule?": {
        "en": "How do you usually get to school?",
        "tr": "Okula genellikle nasıl gidiyorsun?",
        "ar": "كيف تذهب إلى المدرسة عادةً؟",
        "uk": "Як ти зазвичай добираєшся до школи?",
    },
    "zu Fuß": {"en": "on foot", "tr": "yürüyerek", "ar": "سيرًا على الأقدام", "uk": "пішки"},
    "mit dem Fahrrad": {
        "en": "by bike",
        "tr": "bisikletle",
        "ar": "بالدراجة",
        "uk": "на велосипеді",
    },
    "mit dem Bus": {"en": "by bus", "tr": "otobüsle", "ar": "بالحافلة", "uk": "автобусом"},
    "mit dem Auto (Eltern)": {
        "en": "by car (parents)",
        "tr": "arabayla (ailem)",
        "ar": "بالسيارة (الوالدان)",
        "uk": "автомобілем (батьки)",
    },
    "Gibt es in deiner Nähe einen Ort, an dem du dich mit Freunden treffen kannst?": {
        "en": "Is there a place near you where you can meet friends?",
        "tr": "Yakınında arkadaşlarınla buluşabileceğin bir yer var mı?",
        "ar": "هل يوجد مكان قريب منك يمكنك أن تلتقي فيه بأصدقائك؟",
        "uk": "Чи є поблизу місце, де ти можеш зустрічатися з друзями?",
    },
    "Wie wohl fühlst du dich in Rosenau?": {
        "en": "How good do you feel in Rosenau?",
        "tr": "Rosenau'da kendini ne kadar iyi hissediyorsun?",
        "ar": "ما مدى شعورك بالراحة في روزناو؟",
        "uk": "Наскільки добре тобі в Розенау?",
    },
    "Was machst du in deiner Freizeit?": {
        "en": "What do you do in your free time?",
        "tr": "Boş zamanlarında ne yapıyorsun?",
        "ar": "ماذا تفعل في وقت فراغك؟",
        "uk": "Що ти робиш у вільний час?",
    },
    "Freunde treffen": {
        "en": "meeting friends",
        "tr": "arkadaşlarla buluşmak",
        "ar": "لقاء الأصدقاء",
        "uk": "зустрічі з друзями",
    },
    "Sport im Verein": {
        "en": "sport in a club",
        "tr": "kulüpte spor",
        "ar": "الرياضة في نادٍ",
        "uk": "спорт у клубі",
    },
    "Was möchtest du uns noch sagen?": {
        "en": "Is there anything else you would like to tell us?",
        "tr": "Bize söylemek istediğin başka bir şey var mı?",
        "ar": "هل هناك شيء آخر تود أن تقوله لنا؟",
        "uk": "Що ще ти хочеш нам сказати?",
    },
}

BOARD_TEXTS = {
    "title": {
        "en": "Ideas for a family-friendly Rosenau",
        "tr": "Aile dostu Rosenau için fikir borsası",
        "ar": "منصة الأفكار من أجل روزناو صديقة للعائلة",
        "uk": "Біржа ідей для дружнього до сімей Розенау",
        "ls": "Ideen für Rosenau",
    },
    "description": {
        "en": "What would make Rosenau better for families, children, young people and older "
        "people? Share your idea, comment on and support the ideas of others. The project lead "
        "answers every idea and says what happens to it.",
        "tr": "Rosenau'yu aileler, çocuklar, gençler ve yaşlılar için ne daha iyi yapar? Fikrini "
        "paylaş, başkalarının fikirlerine yorum yap ve destekle. Proje yönetimi her fikre ne "
        "olacağını yanıtlar.",
        "ar": "ما الذي يجعل روزناو أفضل للعائلات والأطفال والشباب وكبار السن؟ شارك فكرتك، وعلّق "
        "على أفكار الآخرين وادعمها. ترد إدارة المشروع على كل فكرة وتوضح ما سيحدث لها.",
        "uk": "Що зробило б Розенау кращим для сімей, дітей, молоді та людей старшого віку? "
        "Поділіться своєю ідеєю, коментуйте та підтримуйте ідеї інших. Керівництво проєкту "
        "відповідає на кожну ідею.",
        "ls": "Haben Sie eine Idee für Rosenau?\nSchreiben Sie Ihre Idee auf.\n"
        "Sie können auch die Ideen von anderen lesen und gut finden.\n"
        "Die Stadt antwortet auf jede Idee.",
    },
}


def _translate(obj, field: str, texts: dict[str, str] | None) -> None:
    for language, text in (texts or {}).items():
        current = dict((obj.translations or {}).get(language) or {})
        current[field] = text
        set_translations(obj, language, current)


def load_demo_translations(process) -> None:
    """Give the youth survey and the idea board of Rosenau texts in further languages."""
    if process.slug != "rosenau":
        return
    from participation.ideas.models import Board
    from participation.surveys.models import Survey

    survey = db.session.scalar(
        select(Survey).where(Survey.process_id == process.id, Survey.title == YOUTH_TITLE)
    )
    if survey is not None:
        _translate(survey, "title", YOUTH_TEXTS[YOUTH_TITLE])
        _translate(survey, "intro", YOUTH_TEXTS["intro"])
        for section in survey.sections:
            _translate(section, "title", YOUTH_TEXTS.get(section.title))
            for question in section.questions:
                _translate(question, "text", YOUTH_TEXTS.get(question.text))
                for option in question.options:
                    _translate(option, "label", YOUTH_TEXTS.get(option.label))
    board = db.session.scalar(
        select(Board).where(Board.process_id == process.id, Board.title == BOARD_TITLE)
    )
    if board is not None:
        for field, texts in BOARD_TEXTS.items():
            _translate(board, field, texts)
    db.session.flush()

"""The demo's steering record in Russian and Ukrainian (see steerco.core.demo_languages).

BOMCA 10's groups and meetings are given in Russian (the groups' names in Ukrainian too),
EU4IBM-Resilience's Project Steering Group in Ukrainian and Russian. Decisions read as minutes
record them ("Одобрен план работ…"), action points as tasks ("Согласовать график…").
"""

from __future__ import annotations

from collections.abc import Sequence

from steerco.core.demo_languages import Texts, Versions

from .models import ActionPoint, ActionPointNote, AgendaItem, Decision, Meeting, Speaker, SteeringGroup

BOMCA = "bomca10"
EU4IBM = "eu4ibm-resilience"


def headline_figures(rows: Sequence[tuple[str, ...]], languages: Sequence[str]) -> Texts:
    """A meeting's headline figures, one line each, in the order the English lines come."""
    return {
        "\n".join(row[0] for row in rows): {
            language: "\n".join(row[n] for row in rows) for n, language in enumerate(languages, start=1)
        }
    }


GROUPS = {
    "Regional Steering Group": {"ru": "Региональная руководящая группа", "uk": "Регіональна керівна група"},
    "National Steering Group of Kazakhstan": {
        "ru": "Национальная руководящая группа Казахстана",
        "uk": "Національна керівна група Казахстану",
    },
    "National Steering Group of Kyrgyzstan": {
        "ru": "Национальная руководящая группа Кыргызстана",
        "uk": "Національна керівна група Киргизстану",
    },
    "National Steering Group of Tajikistan": {
        "ru": "Национальная руководящая группа Таджикистана",
        "uk": "Національна керівна група Таджикистану",
    },
    "National Steering Group of Turkmenistan": {
        "ru": "Национальная руководящая группа Туркменистана",
        "uk": "Національна керівна група Туркменістану",
    },
    "National Steering Group of Uzbekistan": {
        "ru": "Национальная руководящая группа Узбекистана",
        "uk": "Національна керівна група Узбекистану",
    },
}

PSG = {"Project Steering Group": {"ru": "Руководящий комитет проекта", "uk": "Керівний комітет проєкту"}}

BOMCA_PLACES = {
    "Astana": {"ru": "Астана", "uk": "Астана"},
    "Dushanbe": {"ru": "Душанбе", "uk": "Душанбе"},
    "Ashgabat": {"ru": "Ашхабад", "uk": "Ашгабат"},
    "Tashkent": {"ru": "Ташкент", "uk": "Ташкент"},
}

EU4IBM_PLACES = {"Kyiv": {"ru": "Киев", "uk": "Київ"}}

BOMCA_HIGHLIGHTS = {
    **headline_figures(
        [
            (
                "93 activities held by September 2022, with over 1,400 participants",
                "к сентябрю 2022 года проведено 93 мероприятия, в них приняли участие более 1400 человек",
            )
        ],
        ["ru"],
    ),
    **headline_figures(
        [
            (
                "306 events held since the start, 275 of them thematic and 77 jointly with other "
                "international organisations",
                "с начала программы проведено 306 мероприятий, из них 275 тематических и 77 совместно с "
                "другими международными организациями",
            ),
            ("over 6,000 participants", "более 6000 участников"),
            (
                "about 90 % of the planned activities done",
                "выполнено около 90 % запланированных мероприятий",
            ),
        ],
        ["ru"],
    ),
}

BOMCA_AGENDA = {
    "Opening and adoption of the agenda": {"ru": "Открытие заседания и утверждение повестки дня"},
    "Inception report": {"ru": "Отчёт о начальном этапе"},
    "Work plan for the first year": {"ru": "План работ на первый год"},
    "Progress of the first implementation year": {"ru": "Ход работ в первый год реализации"},
    "Progress by component": {"ru": "Ход работ по компонентам"},
    "Work plan for the second year": {"ru": "План работ на второй год"},
    "Opening": {"ru": "Открытие заседания"},
    "Results of the second implementation year in Kazakhstan": {
        "ru": "Итоги второго года реализации программы в Казахстане"
    },
    "Proposals of Kazakhstan for the next work plan": {
        "ru": "Предложения Казахстана к следующему плану работ"
    },
    "Preparation of the Regional Steering Group of November 2023": {
        "ru": "Подготовка к заседанию Региональной руководящей группы в ноябре 2023 года"
    },
    "Results of the second implementation year in Tajikistan": {
        "ru": "Итоги второго года реализации программы в Таджикистане"
    },
    "Equipment for the Poytakht Training Centre": {"ru": "Оборудование для учебного центра «Пойтахт»"},
    "Results of the second implementation year in Turkmenistan": {
        "ru": "Итоги второго года реализации программы в Туркменистане"
    },
    "Conclusions of the National Steering Groups": {"ru": "Выводы национальных руководящих групп"},
    "Work plan for the third year": {"ru": "План работ на третий год"},
    "Results since the start of the programme": {"ru": "Результаты с начала реализации программы"},
    "Verification of equipment in use": {"ru": "Проверка использования переданного оборудования"},
    "Work plan to the end of the programme": {"ru": "План работ до завершения программы"},
}

BOMCA_DECISIONS = {
    "Approved the inception report.": {"ru": "Утверждён отчёт о начальном этапе."},
    "Endorsed the work plan for the first implementation year.": {
        "ru": "Одобрен план работ на первый год реализации."
    },
    "Endorsed the work plan for the second implementation year.": {
        "ru": "Одобрен план работ на второй год реализации."
    },
    "Endorsed the work plan for the third implementation year.": {
        "ru": "Одобрен план работ на третий год реализации."
    },
    "Endorsed the work plan for the final months, to September 2025.": {
        "ru": "Одобрен план работ на заключительные месяцы, до сентября 2025 года."
    },
    "Agreed to prepare the final report and a closing conference.": {
        "ru": "Решено подготовить итоговый отчёт и заключительную конференцию."
    },
    "Took note of the results of the second implementation year in Kazakhstan.": {
        "ru": "Приняты к сведению итоги второго года реализации программы в Казахстане."
    },
    "Agreed the proposals of Kazakhstan for the next work plan, to be presented to the Regional Steering "
    "Group in November 2023.": {
        "ru": "Одобрены предложения Казахстана к следующему плану работ; они будут представлены Региональной "
        "руководящей группе в ноябре 2023 года."
    },
    "Took note of the results of the second implementation year in Tajikistan.": {
        "ru": "Приняты к сведению итоги второго года реализации программы в Таджикистане."
    },
    "Took note of the results of the second implementation year in Turkmenistan.": {
        "ru": "Приняты к сведению итоги второго года реализации программы в Туркменистане."
    },
}

BOMCA_ACTION_POINTS = {
    "Each beneficiary country to nominate a national focal point for the programme": {
        "ru": "Каждой стране-бенефициару назначить национального координатора программы"
    },
    "Circulate the endorsed work plan in Russian to all beneficiary institutions": {
        "ru": "Разослать одобренный план работ на русском языке всем ведомствам-бенефициарам"
    },
    "Hold a second round of National Steering Groups before the next Regional Steering Group": {
        "ru": "Провести второй раунд заседаний национальных руководящих групп до следующего заседания "
        "Региональной руководящей группы"
    },
    "Submit the Border Service's training needs for 2024 to the programme team": {
        "ru": "Направить команде программы потребности Пограничной службы в обучении на 2024 год"
    },
    "Nominate trainers for the canine training-of-trainers course": {
        "ru": "Выдвинуть кандидатуры на курс подготовки тренеров-кинологов"
    },
    "Agree the schedule of 2024 study visits to Latvia and Lithuania": {
        "ru": "Согласовать график ознакомительных визитов в Латвию и Литву на 2024 год"
    },
    "Confirm the canine units of the Drug Control Agency for the 2024 courses": {
        "ru": "Подтвердить состав кинологических подразделений Агентства по контролю за наркотиками для "
        "курсов 2024 года"
    },
    "Confirm dates for expert missions to border areas in 2024": {
        "ru": "Подтвердить сроки экспертных миссий в приграничные районы в 2024 году"
    },
    "Present a plan for verifying that handed-over equipment is in use": {
        "ru": "Представить план проверки использования переданного оборудования"
    },
    "Confirm the crossing points for the GPS transit trackers": {
        "ru": "Определить пункты пропуска для транзитных навигационных пломб"
    },
    "Circulate the draft final report to the national focal points": {
        "ru": "Разослать проект итогового отчёта национальным координаторам"
    },
}

# Closing notes and follow-up notes: the note that closes a point is both.
BOMCA_NOTES = {
    "Focal points nominated by all five countries.": {
        "ru": "Все пять стран назначили национальных координаторов."
    },
    "Sent to all focal points on 20 January 2022.": {
        "ru": "Разослан всем национальным координаторам 20 января 2022 года."
    },
    "National Steering Groups held in Kazakhstan, Tajikistan and Turkmenistan in autumn 2023.": {
        "ru": "Осенью 2023 года заседания национальных руководящих групп прошли в Казахстане, Таджикистане и "
        "Туркменистане."
    },
    "List received on 18 October 2023 and built into the draft work plan.": {
        "ru": "Перечень получен 18 октября 2023 года и включён в проект плана работ."
    },
    "Units confirmed in writing.": {"ru": "Состав подразделений подтверждён письменно."},
    "Verification visits carried out in four countries; findings presented.": {
        "ru": "Проверочные визиты проведены в четырёх странах; их результаты представлены."
    },
    "Sites confirmed; trackers handed over to the Customs Committee.": {
        "ru": "Пункты пропуска определены; пломбы переданы Комитету таможни."
    },
}

BOMCA_FOLLOW_UPS = {
    **BOMCA_NOTES,
    "Two candidates identified; approval pending.": {
        "ru": "Определены два кандидата; ожидается утверждение."
    },
}

EU4IBM_HIGHLIGHTS = {
    **headline_figures(
        [
            (
                "32 mobile mini-scanners delivered to the State Border Guard Service",
                "Государственной пограничной службе передано 32 мобильных мини-сканера",
                "Державній прикордонній службі передано 32 мобільні мінісканери",
            )
        ],
        ["ru", "uk"],
    ),
    **headline_figures(
        [
            (
                "more than 20 anti-corruption consultations and webinars shared Lithuanian practice",
                "проведено более 20 антикоррупционных консультаций и вебинаров, посвящённых литовскому опыту",
                "проведено понад 20 антикорупційних консультацій і вебінарів, присвячених литовському "
                "досвіду",
            ),
            (
                "the rehabilitation equipment came with training for the staff who use it",
                "вместе с реабилитационным оборудованием проведено обучение персонала, который с ним "
                "работает",
                "разом із реабілітаційним обладнанням проведено навчання персоналу, який із ним працює",
            ),
            (
                "the asset-management process of the State Border Guard Service and 20 of its sub-processes "
                "were analysed and re-engineered",
                "проанализированы и перестроены процесс управления имуществом Государственной пограничной "
                "службы и 20 его подпроцессов",
                "проаналізовано й перебудовано процес управління майном Державної прикордонної служби та 20 "
                "його підпроцесів",
            ),
            (
                "80 customs canine teams have been trained since spring 2023",
                "с весны 2023 года подготовлено 80 таможенных кинологических команд",
                "з весни 2023 року підготовлено 80 митних кінологічних команд",
            ),
            (
                "a large mobile cargo scanner was procured, with delivery expected in spring 2024",
                "закуплен крупный мобильный сканер для досмотра грузов, поставка которого ожидается весной "
                "2024 года",
                "закуплено великий мобільний сканер для огляду вантажів, постачання якого очікується "
                "навесні 2024 року",
            ),
        ],
        ["ru", "uk"],
    ),
}

EU4IBM_AGENDA = {
    "Progress of the first six months": {
        "ru": "Ход реализации проекта за первые шесть месяцев",
        "uk": "Хід реалізації проєкту за перші шість місяців",
    },
    "Procurement plan for large mobile scanners": {
        "ru": "План закупки крупных мобильных сканеров",
        "uk": "План закупівлі великих мобільних сканерів",
    },
    "Component 1: border management resilience": {
        "ru": "Компонент 1: устойчивость системы управления границами",
        "uk": "Компонент 1: стійкість системи управління кордонами",
    },
    "Component 2: trade facilitation": {
        "ru": "Компонент 2: содействие торговле",
        "uk": "Компонент 2: сприяння торгівлі",
    },
    "Component 3: sector management support": {
        "ru": "Компонент 3: поддержка управления сектором",
        "uk": "Компонент 3: підтримка управління сектором",
    },
    "Component 4: secured operation of the legislature": {
        "ru": "Компонент 4: безопасное функционирование парламента",
        "uk": "Компонент 4: безпечне функціонування парламенту",
    },
    "Top-up and extension of the project": {
        "ru": "Увеличение бюджета и продление срока реализации проекта",
        "uk": "Збільшення бюджету та продовження строку реалізації проєкту",
    },
}

EU4IBM_DECISIONS = {
    "Took note of the progress of the first six months.": {
        "ru": "Принят к сведению ход реализации проекта за первые шесть месяцев.",
        "uk": "Взято до відома хід реалізації проєкту за перші шість місяців.",
    },
    "Welcomed the announced budget top-up for more large mobile scanners, UPS units for the stationary "
    "scanners and further rehabilitation support.": {
        "ru": "Участники приветствовали объявленное увеличение бюджета на дополнительные крупные мобильные "
        "сканеры, источники бесперебойного питания для стационарных сканеров и дальнейшую поддержку "
        "реабилитации.",
        "uk": "Учасники привітали оголошене збільшення бюджету на додаткові великі мобільні сканери, "
        "джерела безперебійного живлення для стаціонарних сканерів і подальшу підтримку реабілітації.",
    },
    "Supported the extension of the project until mid-2025.": {
        "ru": "Поддержано продление проекта до середины 2025 года.",
        "uk": "Підтримано продовження проєкту до середини 2025 року.",
    },
    "Endorsed the work plan for the next six months by component.": {
        "ru": "Одобрен план работ на следующие шесть месяцев в разбивке по компонентам.",
        "uk": "Схвалено план роботи на наступні шість місяців у розрізі компонентів.",
    },
}

EU4IBM_ACTION_POINTS = {
    "Launch the tender for a large mobile cargo scanner": {
        "ru": "Объявить тендер на закупку крупного мобильного сканера для досмотра грузов",
        "uk": "Оголосити тендер на закупівлю великого мобільного сканера для огляду вантажів",
    },
    "Nominate customs canine teams for the 2023 training cycle": {
        "ru": "Определить таможенные кинологические команды для учебного цикла 2023 года",
        "uk": "Визначити митні кінологічні команди для навчального циклу 2023 року",
    },
    "Contract two more large mobile scanners for delivery by January 2025": {
        "ru": "Заключить контракты на поставку ещё двух крупных мобильных сканеров до января 2025 года",
        "uk": "Укласти контракти на постачання ще двох великих мобільних сканерів до січня 2025 року",
    },
    "Procure UPS units for the stationary scanners against power cuts": {
        "ru": "Закупить источники бесперебойного питания для стационарных сканеров на случай отключений "
        "электроэнергии",
        "uk": "Закупити джерела безперебійного живлення для стаціонарних сканерів на випадок відключень "
        "електроенергії",
    },
    "Report on the use of the rehabilitation equipment delivered": {
        "ru": "Проинформировать об использовании поставленного реабилитационного оборудования",
        "uk": "Поінформувати про використання поставленого реабілітаційного обладнання",
    },
    "Confirm the crossing point where the first large mobile scanner will work": {
        "ru": "Определить пункт пропуска, в котором будет работать первый крупный мобильный сканер",
        "uk": "Визначити пункт пропуску, у якому працюватиме перший великий мобільний сканер",
    },
}

EU4IBM_NOTES = {
    "Scanner procured; delivery expected in spring 2024.": {
        "ru": "Сканер закуплен; поставка ожидается весной 2024 года.",
        "uk": "Сканер закуплено; постачання очікується навесні 2024 року.",
    },
    "80 customs canine teams trained since spring 2023.": {
        "ru": "С весны 2023 года подготовлено 80 таможенных кинологических команд.",
        "uk": "З весни 2023 року підготовлено 80 митних кінологічних команд.",
    },
    "Both contracts signed.": {"ru": "Оба контракта подписаны.", "uk": "Обидва контракти підписано."},
    "The scanner arrived at the Chop crossing point on 25 June 2024.": {
        "ru": "Сканер прибыл в пункт пропуска «Чоп» 25 июня 2024 года.",
        "uk": "Сканер прибув до пункту пропуску «Чоп» 25 червня 2024 року.",
    },
}

EU4IBM_FOLLOW_UPS = {
    **EU4IBM_NOTES,
    "Tender published; evaluation under way.": {
        "ru": "Тендер объявлен; идёт оценка предложений.",
        "uk": "Тендер оголошено; триває оцінювання пропозицій.",
    },
}

# What the speakers of the source news said, as the minutes and the news quote it in each language.
BOMCA_KEY_MESSAGES: Texts = {
    "Stressed the respect of the international sanctions regime and the impact assessment.": {
        "ru": "Важно соблюдать режим международных санкций и проводить оценку воздействия.",
        "uk": "Важливо дотримуватися режиму міжнародних санкцій і проводити оцінку впливу.",
    },
    "Placed the programme within the cooperation under the Enhanced Partnership and Cooperation "
    "Agreement, which covers 29 areas including security; named advanced training, automation "
    "and the modernisation of border control as Kazakhstan's priorities.": {
        "ru": "Программа является частью сотрудничества в рамках Соглашения о расширенном партнёрстве и "
        "сотрудничестве, которое охватывает 29 сфер, включая безопасность; приоритеты Казахстана — "
        "повышение квалификации, автоматизация и модернизация пограничного контроля.",
        "uk": "Програма є частиною співпраці в межах Угоди про розширене партнерство та співробітництво, "
        "яка охоплює 29 сфер, зокрема безпеку; пріоритети Казахстану — підвищення кваліфікації, "
        "автоматизація та модернізація прикордонного контролю.",
    },
}
EU4IBM_KEY_MESSAGES: Texts = {
    "Reported the cooperation with the Parliament of Ukraine on cloud services for parliamentary "
    "data and on the procurement of armoured vehicles.": {
        "ru": "Продолжается сотрудничество с Верховной Радой Украины по облачным сервисам для "
        "парламентских данных и по закупке бронированных автомобилей.",
        "uk": "Триває співпраця з Верховною Радою України щодо хмарних сервісів для парламентських даних "
        "і закупівлі броньованих автомобілів.",
    },
    "Recalled the beneficiaries' high assessment of the project and announced the upcoming "
    "top-up and the extension until mid-2025.": {
        "ru": "Бенефициары высоко оценивают проект; в ближайшее время его финансирование будет увеличено, "
        "а срок продлён до середины 2025 года.",
        "uk": "Бенефіціари високо оцінюють проєкт; незабаром його фінансування буде збільшено, а строк "
        "продовжено до середини 2025 року.",
    },
}

VERSIONS = [
    Versions(SteeringGroup, "name", GROUPS, BOMCA),
    Versions(Speaker, "key_message", BOMCA_KEY_MESSAGES, BOMCA),
    Versions(Speaker, "key_message", EU4IBM_KEY_MESSAGES, EU4IBM),
    Versions(Meeting, "place", BOMCA_PLACES, BOMCA),
    Versions(Meeting, "highlights", BOMCA_HIGHLIGHTS, BOMCA),
    Versions(AgendaItem, "title", BOMCA_AGENDA, BOMCA),
    Versions(Decision, "text", BOMCA_DECISIONS, BOMCA),
    Versions(ActionPoint, "text", BOMCA_ACTION_POINTS, BOMCA),
    Versions(ActionPoint, "closing_note", BOMCA_NOTES, BOMCA),
    Versions(ActionPointNote, "note", BOMCA_FOLLOW_UPS, BOMCA),
    Versions(SteeringGroup, "name", PSG, EU4IBM),
    Versions(Meeting, "place", EU4IBM_PLACES, EU4IBM),
    Versions(Meeting, "highlights", EU4IBM_HIGHLIGHTS, EU4IBM),
    Versions(AgendaItem, "title", EU4IBM_AGENDA, EU4IBM),
    Versions(Decision, "text", EU4IBM_DECISIONS, EU4IBM),
    Versions(ActionPoint, "text", EU4IBM_ACTION_POINTS, EU4IBM),
    Versions(ActionPoint, "closing_note", EU4IBM_NOTES, EU4IBM),
    Versions(ActionPointNote, "note", EU4IBM_FOLLOW_UPS, EU4IBM),
]


def _declined(nom: str, gen: str, dat: str, acc: str, ins: str, loc: str) -> dict[str, str]:
    return {"nom": nom, "gen": gen, "dat": dat, "acc": acc, "ins": ins, "loc": loc}


def _national_ru(country_gen: str) -> dict[str, str]:
    return _declined(
        f"Национальная руководящая группа {country_gen}",
        f"Национальной руководящей группы {country_gen}",
        f"Национальной руководящей группе {country_gen}",
        f"Национальную руководящую группу {country_gen}",
        f"Национальной руководящей группой {country_gen}",
        f"Национальной руководящей группе {country_gen}",
    )


def _national_uk(country_gen: str) -> dict[str, str]:
    return _declined(
        f"Національна керівна група {country_gen}",
        f"Національної керівної групи {country_gen}",
        f"Національній керівній групі {country_gen}",
        f"Національну керівну групу {country_gen}",
        f"Національною керівною групою {country_gen}",
        f"Національній керівній групі {country_gen}",
    )


# How a news text names each group, by grammatical case (nom, gen, dat, acc, ins, loc), keyed by the
# group's English name: "заседание Национальной руководящей группы Казахстана".
NEWS_NAMES: dict[str, dict[str, dict[str, str]]] = {
    "Regional Steering Group": {
        "ru": _declined(
            "Региональная руководящая группа",
            "Региональной руководящей группы",
            "Региональной руководящей группе",
            "Региональную руководящую группу",
            "Региональной руководящей группой",
            "Региональной руководящей группе",
        ),
        "uk": _declined(
            "Регіональна керівна група",
            "Регіональної керівної групи",
            "Регіональній керівній групі",
            "Регіональну керівну групу",
            "Регіональною керівною групою",
            "Регіональній керівній групі",
        ),
    },
    "National Steering Group of Kazakhstan": {
        "ru": _national_ru("Казахстана"),
        "uk": _national_uk("Казахстану"),
    },
    "National Steering Group of Kyrgyzstan": {
        "ru": _national_ru("Кыргызстана"),
        "uk": _national_uk("Киргизстану"),
    },
    "National Steering Group of Tajikistan": {
        "ru": _national_ru("Таджикистана"),
        "uk": _national_uk("Таджикистану"),
    },
    "National Steering Group of Turkmenistan": {
        "ru": _national_ru("Туркменистана"),
        "uk": _national_uk("Туркменістану"),
    },
    "National Steering Group of Uzbekistan": {
        "ru": _national_ru("Узбекистана"),
        "uk": _national_uk("Узбекистану"),
    },
    "Project Steering Group": {
        "ru": _declined(
            "Руководящий комитет проекта",
            "Руководящего комитета проекта",
            "Руководящему комитету проекта",
            "Руководящий комитет проекта",
            "Руководящим комитетом проекта",
            "Руководящем комитете проекта",
        ),
        "uk": _declined(
            "Керівний комітет проєкту",
            "Керівного комітету проєкту",
            "Керівному комітету проєкту",
            "Керівний комітет проєкту",
            "Керівним комітетом проєкту",
            "Керівному комітеті проєкту",
        ),
    },
}

"""The demo logframes' texts in Russian and Ukrainian (see steerco.core.demo_languages).

BOMCA 10's logframe is given in Russian, EU4IBM-Resilience's in Ukrainian and Russian. Units are
written as they read after a number ("40 расчётов"), as the English ones are.
"""

from __future__ import annotations

from steerco.core.demo_languages import Texts, Versions

from .demo import STRATEGY
from .models import DisaggregationCategory, Indicator, Result

BOMCA = "bomca10"
EU4IBM = "eu4ibm-resilience"

BOMCA_STATEMENTS = {
    "Security and legitimate trade in Central Asia benefit from more effective, integrated border "
    "management.": {
        "ru": "Более эффективное интегрированное управление границами способствует безопасности и законной "
        "торговле в Центральной Азии."
    },
    "Border agencies work with stronger institutions: strategies, training systems and risk analysis.": {
        "ru": "Пограничные ведомства опираются на более прочную институциональную основу: стратегии, системы "
        "подготовки кадров и анализ рисков."
    },
    "Officials trained in IBM, risk analysis and fundamental rights.": {
        "ru": "Должностные лица обучены интегрированному управлению границами, анализу рисков и соблюдению "
        "основных прав."
    },
    "National IBM strategies and action plans drafted and adopted.": {
        "ru": "Национальные стратегии интегрированного управления границами и планы действий по их "
        "реализации разработаны и приняты."
    },
    "Detection capacities at the borders improved.": {
        "ru": "Укреплён потенциал выявления нарушений на границах."
    },
    "Canine units trained and border crossing points equipped.": {
        "ru": "Кинологические подразделения подготовлены, пункты пропуска оснащены."
    },
    "Trade facilitated at pilot border crossing points.": {
        "ru": "Процедуры торговли в пилотных пунктах пропуска упрощены."
    },
    "Border and customs services apply recommendations on simplified, joint procedures.": {
        "ru": "Пограничные и таможенные службы применяют рекомендации по упрощённым и совместным процедурам."
    },
    "Cross-border cooperation strengthened, with NGOs in border areas.": {
        "ru": "Трансграничное сотрудничество укреплено, в том числе с участием НПО приграничных районов."
    },
    "Regional cooperation events held and followed up.": {
        "ru": "Мероприятия по региональному сотрудничеству проведены, по их итогам приняты последующие меры."
    },
}

BOMCA_ASSUMPTIONS = {
    "Governments keep border reform on their agendas; the regional situation allows cooperation.": {
        "ru": "Правительства сохраняют реформу пограничной сферы в числе приоритетов; обстановка в регионе "
        "позволяет сотрудничать."
    },
    "Trained staff stay in post long enough to apply what they learned.": {
        "ru": "Обученные сотрудники остаются на своих должностях достаточно долго, чтобы применить "
        "полученные знания."
    },
    "Inter-ministerial working groups meet as planned.": {
        "ru": "Межведомственные рабочие группы собираются в соответствии с планом."
    },
    "Equipment clears customs and tax exemption in time.": {
        "ru": "Оборудование своевременно проходит таможенное оформление и освобождение от налогов."
    },
}

BOMCA_INDICATOR_NAMES = {
    "Officials trained": {"ru": "Число обученных должностных лиц"},
    "Women among the officials trained": {"ru": "Число женщин среди обученных должностных лиц"},
    "Share of trainees whose knowledge increased (pre/post tests)": {
        "ru": "Доля слушателей, повысивших уровень знаний (по итогам входного и итогового тестирования)"
    },
    "National IBM strategy adopted": {
        "ru": "Принятие национальной стратегии интегрированного управления границами"
    },
    "Canine teams trained": {"ru": "Число подготовленных кинологических расчётов"},
    "Border crossing points and training centres equipped": {
        "ru": "Число оснащённых пунктов пропуска и учебных центров"
    },
    "Recommendations adopted by beneficiary institutions": {
        "ru": "Число рекомендаций, принятых ведомствами-бенефициарами"
    },
    "Average clearance time of a truck at pilot crossing points": {
        "ru": "Среднее время оформления грузового автомобиля в пилотных пунктах пропуска"
    },
    "Plan completion: planned activities done": {
        "ru": "Выполнение плана: доля проведённых запланированных мероприятий"
    },
    "Regional cross-border cooperation events held": {
        "ru": "Число проведённых региональных мероприятий по трансграничному сотрудничеству"
    },
    "Regional cooperation: main developments": {"ru": "Региональное сотрудничество: основные события"},
}

BOMCA_UNITS = {
    "persons": {"ru": "человек"},
    "%": {"ru": "%"},
    "teams": {"ru": "расчётов"},
    "sites": {"ru": "объектов"},
    "recommendations": {"ru": "рекомендаций"},
    "minutes": {"ru": "минут"},
    "events": {"ru": "мероприятий"},
}

BOMCA_SOURCES = {
    "Participants of the held trainings recorded in delivery (attendance lists)": {
        "ru": "Участники проведённых обучающих мероприятий по данным раздела «Реализация» (листы регистрации)"
    },
    "Pre- and post-test scores": {"ru": "Результаты входного и итогового тестирования"},
    "Official gazette; government decrees": {
        "ru": "Официальные публикации нормативных правовых актов; постановления правительства"
    },
    "Training certificates of canine centres": {"ru": "Сертификаты кинологических центров об обучении"},
    "Handover acts": {"ru": "Акты приёма-передачи"},
    "Adoption status of recommendations recorded in delivery (letters of beneficiary institutions)": {
        "ru": "Статус принятия рекомендаций по данным раздела «Реализация» (письма ведомств-бенефициаров)"
    },
    "Time-release studies": {"ru": "Исследования времени выпуска товаров"},
    "Work plan recorded in delivery: lines fulfilled by a held event": {
        "ru": "План работ по данным раздела «Реализация»: позиции, по которым проведено мероприятие"
    },
    "Event reports": {"ru": "Отчёты о мероприятиях"},
    "Minutes of the Regional Steering Group": {"ru": "Протоколы заседаний Региональной руководящей группы"},
}

# The steps of a strategy, in the order `STRATEGY` names them; both programmes' milestone indicators
# follow a strategy ("стратегия", feminine).
MILESTONES: Texts = {
    tuple(STRATEGY): {
        "ru": ("работа не начата", "проект разработан", "внесена на утверждение", "принята"),
        "uk": ("роботу не розпочато", "проєкт розроблено", "подано на затвердження", "затверджено"),
    }
}

CATEGORY_NAMES = {
    "Sex": {"ru": "Пол", "uk": "Стать"},
    "Agency": {"ru": "Ведомство", "uk": "Відомство"},
}

BOMCA_OPTION_LABELS: Texts = {
    ("Women", "Men"): {"ru": ("Женщины", "Мужчины"), "uk": ("Жінки", "Чоловіки")},
    ("Border service", "Customs", "Other"): {
        "ru": ("Пограничная служба", "Таможенная служба", "Другие ведомства"),
        "uk": ("Прикордонна служба", "Митна служба", "Інші відомства"),
    },
}

EU4IBM_OPTION_LABELS: Texts = {
    ("Women", "Men"): {"ru": ("Женщины", "Мужчины"), "uk": ("Жінки", "Чоловіки")},
    ("SBGS", "SCS", "Other"): {
        "ru": ("Госпогранслужба", "Гостаможслужба", "Другие ведомства"),
        "uk": ("Держприкордонслужба", "Держмитслужба", "Інші відомства"),
    },
}

EU4IBM_STATEMENTS = {
    "Ukraine's border and customs agencies and its Parliament keep working under war conditions and move "
    "towards European IBM standards.": {
        "ru": "Пограничное и таможенное ведомства Украины и Верховная Рада продолжают работу в условиях "
        "войны и приближаются к европейским стандартам интегрированного управления границами.",
        "uk": "Прикордонне та митне відомства України і Верховна Рада продовжують працювати в умовах війни "
        "та наближаються до європейських стандартів інтегрованого управління кордонами.",
    },
    "Border management is more resilient.": {
        "ru": "Повышена устойчивость системы управления границами.",
        "uk": "Підвищено стійкість системи управління кордонами.",
    },
    "SBGS equipped for operations under war conditions.": {
        "ru": "Госпогранслужба оснащена для выполнения задач в условиях войны.",
        "uk": "Держприкордонслужбу оснащено для виконання завдань в умовах війни.",
    },
    "SBGS asset management analysed and re-engineered.": {
        "ru": "Система управления имуществом Госпогранслужбы проанализирована и перестроена.",
        "uk": "Систему управління майном Держприкордонслужби проаналізовано й перебудовано.",
    },
    "Trade facilitated and customs control capacity kept up.": {
        "ru": "Процедуры торговли упрощены, возможности таможенного контроля сохранены.",
        "uk": "Процедури торгівлі спрощено, спроможність митного контролю збережено.",
    },
    "Customs canine teams trained.": {
        "ru": "Таможенные кинологические команды подготовлены.",
        "uk": "Митні кінологічні команди підготовлено.",
    },
    "Scanner operators and image analysts trained.": {
        "ru": "Операторы сканеров и аналитики изображений подготовлены.",
        "uk": "Операторів сканерів та аналітиків зображень підготовлено.",
    },
    "Sector management and integrity strengthened.": {
        "ru": "Укреплены управление сектором и добропорядочность.",
        "uk": "Посилено управління сектором і доброчесність.",
    },
    "Anti-corruption practice shared and integrity rules drafted.": {
        "ru": "Передан антикоррупционный опыт, разработаны правила добропорядочности.",
        "uk": "Антикорупційні практики поширено, правила доброчесності розроблено.",
    },
    "The Parliament operates securely.": {
        "ru": "Парламент работает в безопасных условиях.",
        "uk": "Парламент працює в безпечних умовах.",
    },
    "Parliamentary data services moved to secure cloud services.": {
        "ru": "Информационные сервисы парламента переведены в защищённые облачные сервисы.",
        "uk": "Інформаційні сервіси парламенту перенесено до захищених хмарних сервісів.",
    },
}

EU4IBM_ASSUMPTIONS = {
    "Infrastructure remains usable; the agencies keep their staff.": {
        "ru": "Инфраструктура остаётся пригодной к использованию; ведомства сохраняют персонал.",
        "uk": "Інфраструктура залишається придатною до використання; відомства зберігають персонал.",
    },
    "Deliveries reach the units despite attacks on logistics.": {
        "ru": "Поставки доходят до подразделений, несмотря на удары по логистике.",
        "uk": "Поставки доходять до підрозділів попри удари по логістиці.",
    },
    "The scanners arrive in time for the trainees to practise on them.": {
        "ru": "Сканеры поступают вовремя, чтобы слушатели могли отработать на них навыки.",
        "uk": "Сканери надходять вчасно, щоб слухачі могли відпрацювати на них навички.",
    },
}

EU4IBM_INDICATOR_NAMES = {
    "Mobile radio stations delivered to SBGS": {
        "ru": "Число мобильных радиостанций, переданных Госпогранслужбе",
        "uk": "Кількість мобільних радіостанцій, переданих Держприкордонслужбі",
    },
    "Mobile mini-scanners delivered to SBGS": {
        "ru": "Число мобильных мини-сканеров, переданных Госпогранслужбе",
        "uk": "Кількість мобільних мінісканерів, переданих Держприкордонслужбі",
    },
    "Large mobile cargo scanners delivered and in use": {
        "ru": "Число крупных мобильных сканеров для досмотра грузов, поставленных и введённых в эксплуатацию",
        "uk": "Кількість великих мобільних сканерів для огляду вантажів, поставлених і введених в "
        "експлуатацію",
    },
    "Asset-management sub-processes of SBGS re-engineered": {
        "ru": "Число перестроенных подпроцессов управления имуществом Госпогранслужбы",
        "uk": "Кількість перебудованих підпроцесів управління майном Держприкордонслужби",
    },
    "Customs canine teams trained": {
        "ru": "Число подготовленных таможенных кинологических команд",
        "uk": "Кількість підготовлених митних кінологічних команд",
    },
    "Scanner operators and analysts trained": {
        "ru": "Число подготовленных операторов сканеров и аналитиков",
        "uk": "Кількість підготовлених операторів сканерів та аналітиків",
    },
    "Anti-corruption consultations and webinars held": {
        "ru": "Число проведённых антикоррупционных консультаций и вебинаров",
        "uk": "Кількість проведених антикорупційних консультацій і вебінарів",
    },
    "SCS integrity strategy adopted": {
        "ru": "Утверждение стратегии добропорядочности Гостаможслужбы",
        "uk": "Затвердження стратегії доброчесності Держмитслужби",
    },
    "Critical parliamentary data services running on secure cloud": {
        "ru": "Доля критически важных информационных сервисов парламента в защищённом облаке",
        "uk": "Частка критично важливих інформаційних сервісів парламенту в захищеному хмарному середовищі",
    },
}

EU4IBM_UNITS = {
    "radios": {"ru": "радиостанций", "uk": "радіостанцій"},
    "scanners": {"ru": "сканеров", "uk": "сканерів"},
    "sub-processes": {"ru": "подпроцессов", "uk": "підпроцесів"},
    "teams": {"ru": "команд", "uk": "команд"},
    "persons": {"ru": "человек", "uk": "осіб"},
    "events": {"ru": "мероприятий", "uk": "заходів"},
    "%": {"ru": "%", "uk": "%"},
}

EU4IBM_SOURCES = {
    "Delivery notes and handover acts": {
        "ru": "Товарные накладные и акты приёма-передачи",
        "uk": "Видаткові накладні та акти приймання-передачі",
    },
    "Handover acts": {"ru": "Акты приёма-передачи", "uk": "Акти приймання-передачі"},
    "Handover acts; verification visits": {
        "ru": "Акты приёма-передачи; проверочные визиты",
        "uk": "Акти приймання-передачі; моніторингові візити",
    },
    "Process maps approved by SBGS": {
        "ru": "Карты процессов, утверждённые Госпогранслужбой",
        "uk": "Карти процесів, затверджені Держприкордонслужбою",
    },
    "Canine team trainings recorded in delivery (certificates of the SCS canine centre)": {
        "ru": "Обучение кинологических команд по данным раздела «Реализация» (сертификаты кинологического "
        "центра Гостаможслужбы)",
        "uk": "Навчання кінологічних команд за даними розділу «Реалізація» (сертифікати кінологічного "
        "центру Держмитслужби)",
    },
    "Trainings recorded in delivery (attendance lists)": {
        "ru": "Обучающие мероприятия по данным раздела «Реализация» (листы регистрации)",
        "uk": "Навчальні заходи за даними розділу «Реалізація» (реєстраційні листи)",
    },
    "Consultations and webinars recorded in delivery (event reports)": {
        "ru": "Консультации и вебинары по данным раздела «Реализация» (отчёты о мероприятиях)",
        "uk": "Консультації та вебінари за даними розділу «Реалізація» (звіти про заходи)",
    },
    "Orders of the State Customs Service": {
        "ru": "Приказы Государственной таможенной службы",
        "uk": "Накази Державної митної служби",
    },
    "Secretariat IT inventory": {
        "ru": "Инвентаризация ИТ-ресурсов Аппарата Верховной Рады",
        "uk": "Інвентаризація ІТ-ресурсів Апарату Верховної Ради",
    },
}

VERSIONS = [
    Versions(Result, "statement", BOMCA_STATEMENTS, BOMCA),
    Versions(Result, "assumptions", BOMCA_ASSUMPTIONS, BOMCA),
    Versions(Indicator, "name", BOMCA_INDICATOR_NAMES, BOMCA),
    Versions(Indicator, "unit", BOMCA_UNITS, BOMCA),
    # The demo gives each indicator one text for both its data source and its means of verification.
    Versions(Indicator, "data_source", BOMCA_SOURCES, BOMCA),
    Versions(Indicator, "means_of_verification", BOMCA_SOURCES, BOMCA),
    Versions(Indicator, "milestone_statuses", MILESTONES, BOMCA),
    Versions(DisaggregationCategory, "name", CATEGORY_NAMES, BOMCA),
    Versions(DisaggregationCategory, "option_labels", BOMCA_OPTION_LABELS, BOMCA, key_field="options"),
    Versions(Result, "statement", EU4IBM_STATEMENTS, EU4IBM),
    Versions(Result, "assumptions", EU4IBM_ASSUMPTIONS, EU4IBM),
    Versions(Indicator, "name", EU4IBM_INDICATOR_NAMES, EU4IBM),
    Versions(Indicator, "unit", EU4IBM_UNITS, EU4IBM),
    Versions(Indicator, "data_source", EU4IBM_SOURCES, EU4IBM),
    Versions(Indicator, "means_of_verification", EU4IBM_SOURCES, EU4IBM),
    Versions(Indicator, "milestone_statuses", MILESTONES, EU4IBM),
    Versions(DisaggregationCategory, "name", CATEGORY_NAMES, EU4IBM),
    Versions(DisaggregationCategory, "option_labels", EU4IBM_OPTION_LABELS, EU4IBM, key_field="options"),
]

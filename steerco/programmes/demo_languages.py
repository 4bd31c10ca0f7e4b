"""The demo programmes' texts in Russian and Ukrainian (see steerco.core.demo_languages).

BOMCA 10 works in Russian with its beneficiaries, EU4IBM-Resilience in Ukrainian; each also gets
the other language where the text is short. Organisations are named as they name themselves.
"""

from __future__ import annotations

from steerco.core.demo_languages import Texts, Versions

from .models import BudgetLine, Component, Organisation, Person, Programme, ReportingPeriod, Risk

BOMCA = "bomca10"
EU4IBM = "eu4ibm-resilience"

ORGANISATIONS = {
    "European Union": {"ru": "Европейский Союз", "uk": "Європейський Союз"},
    "Delegation of the European Union to Kazakhstan": {
        "ru": "Представительство Европейского Союза в Республике Казахстан",
        "uk": "Представництво Європейського Союзу в Республіці Казахстан",
    },
    "Delegation of the European Union to Ukraine": {
        "ru": "Представительство Европейского Союза в Украине",
        "uk": "Представництво Європейського Союзу в Україні",
    },
    "State Border Guard of the Republic of Latvia": {
        "ru": "Государственная пограничная охрана Латвийской Республики",
        "uk": "Державна прикордонна охорона Латвійської Республіки",
    },
    "State Border Guard Service of Lithuania": {
        "ru": "Служба охраны государственной границы Литовской Республики",
        "uk": "Служба охорони державного кордону Литовської Республіки",
    },
    "State Revenue Service of Latvia": {
        "ru": "Служба государственных доходов Латвийской Республики",
        "uk": "Служба державних доходів Латвійської Республіки",
    },
    "International Centre for Migration Policy Development": {
        "ru": "Международный центр по развитию миграционной политики (МЦРМП)",
        "uk": "Міжнародний центр розвитку міграційної політики (МЦРМП)",
    },
    "Border Service of the National Security Committee": {
        "ru": "Пограничная служба КНБ Республики Казахстан",
        "uk": "Прикордонна служба КНБ Республіки Казахстан",
    },
    "Ministry of Foreign Affairs of Kazakhstan": {
        "ru": "Министерство иностранных дел Республики Казахстан",
        "uk": "Міністерство закордонних справ Республіки Казахстан",
    },
    "State Revenue Committee (customs)": {
        "ru": "Комитет государственных доходов Министерства финансов Республики Казахстан",
        "uk": "Комітет державних доходів Міністерства фінансів Республіки Казахстан",
    },
    "Border Service of the State Committee for National Security": {
        "ru": "Пограничная служба ГКНБ Кыргызской Республики",
        "uk": "Прикордонна служба ДКНБ Киргизької Республіки",
    },
    "State Customs Service of Kyrgyzstan": {
        "ru": "Государственная таможенная служба при Министерстве финансов Кыргызской Республики",
        "uk": "Державна митна служба при Міністерстві фінансів Киргизької Республіки",
    },
    "Ministry of Foreign Affairs of Kyrgyzstan": {
        "ru": "Министерство иностранных дел Кыргызской Республики",
        "uk": "Міністерство закордонних справ Киргизької Республіки",
    },
    "Border Troops of the State Committee for National Security": {
        "ru": "Пограничные войска ГКНБ Республики Таджикистан",
        "uk": "Прикордонні війська ДКНБ Республіки Таджикистан",
    },
    "Customs Service of Tajikistan": {
        "ru": "Таможенная служба при Правительстве Республики Таджикистан",
        "uk": "Митна служба при Уряді Республіки Таджикистан",
    },
    "Drug Control Agency of Tajikistan": {
        "ru": "Агентство по контролю за наркотиками при Президенте Республики Таджикистан",
        "uk": "Агентство з контролю за наркотиками при Президентові Республіки Таджикистан",
    },
    "Food Security Committee of Tajikistan": {
        "ru": "Комитет продовольственной безопасности при Правительстве Республики Таджикистан",
        "uk": "Комітет продовольчої безпеки при Уряді Республіки Таджикистан",
    },
    "Ministry of Foreign Affairs of Tajikistan": {
        "ru": "Министерство иностранных дел Республики Таджикистан",
        "uk": "Міністерство закордонних справ Республіки Таджикистан",
    },
    "State Border Service of Turkmenistan": {
        "ru": "Государственная пограничная служба Туркменистана",
        "uk": "Державна прикордонна служба Туркменістану",
    },
    "State Customs Service of Turkmenistan": {
        "ru": "Государственная таможенная служба Туркменистана",
        "uk": "Державна митна служба Туркменістану",
    },
    "State Migration Service of Turkmenistan": {
        "ru": "Государственная миграционная служба Туркменистана",
        "uk": "Державна міграційна служба Туркменістану",
    },
    "Ministry of Agriculture of Turkmenistan": {
        "ru": "Министерство сельского хозяйства Туркменистана",
        "uk": "Міністерство сільського господарства Туркменістану",
    },
    "Ministry of Foreign Affairs of Turkmenistan": {
        "ru": "Министерство иностранных дел Туркменистана",
        "uk": "Міністерство закордонних справ Туркменістану",
    },
    "Border Troops of the State Security Service": {
        "ru": "Пограничные войска Службы государственной безопасности Республики Узбекистан",
        "uk": "Прикордонні війська Служби державної безпеки Республіки Узбекистан",
    },
    "Customs Committee under the Ministry of Economy and Finance": {
        "ru": "Комитет таможни при Министерстве экономики и финансов Республики Узбекистан",
        "uk": "Митний комітет при Міністерстві економіки та фінансів Республіки Узбекистан",
    },
    "Agency for Plant Quarantine and Protection": {
        "ru": "Агентство по карантину и защите растений Республики Узбекистан",
        "uk": "Агентство з карантину та захисту рослин Республіки Узбекистан",
    },
    "Ministry of Foreign Affairs of Uzbekistan": {
        "ru": "Министерство иностранных дел Республики Узбекистан",
        "uk": "Міністерство закордонних справ Республіки Узбекистан",
    },
    "State Border Guard Service of Ukraine": {
        "ru": "Государственная пограничная служба Украины",
        "uk": "Державна прикордонна служба України",
    },
    "State Customs Service of Ukraine": {
        "ru": "Государственная таможенная служба Украины",
        "uk": "Державна митна служба України",
    },
    # The Parliament's own body for this is its Apparatus (Апарат Верховної Ради України).
    "Secretariat of the Verkhovna Rada of Ukraine": {
        "ru": "Аппарат Верховной Рады Украины",
        "uk": "Апарат Верховної Ради України",
    },
    "State Migration Service of Ukraine": {
        "ru": "Государственная миграционная служба Украины",
        "uk": "Державна міграційна служба України",
    },
    "Ministry of Foreign Affairs of Ukraine": {
        "ru": "Министерство иностранных дел Украины",
        "uk": "Міністерство закордонних справ України",
    },
    "Ministry for Communities, Territories and Infrastructure Development": {
        "ru": "Министерство развития общин, территорий и инфраструктуры Украины",
        "uk": "Міністерство розвитку громад, територій та інфраструктури України",
    },
    "Organization for Security and Co-operation in Europe": {
        "ru": "Организация по безопасности и сотрудничеству в Европе (ОБСЕ)",
        "uk": "Організація з безпеки та співробітництва в Європі (ОБСЄ)",
    },
    "United Nations Office on Drugs and Crime": {
        "ru": "Управление Организации Объединённых Наций по наркотикам и преступности (УНП ООН)",
        "uk": "Управління Організації Об'єднаних Націй з наркотиків і злочинності (УНЗ ООН)",
    },
    "International Organization for Migration": {
        "ru": "Международная организация по миграции (МОМ)",
        "uk": "Міжнародна організація з міграції (МОМ)",
    },
}

PROGRAMME_TITLES = {
    "Border Management Programme in Central Asia, phase 10": {
        "ru": "Программа содействия управлению границами в Центральной Азии, 10-я фаза",
        "uk": "Програма сприяння управлінню кордонами в Центральній Азії, 10-та фаза",
    },
    "EU Support in Strengthening Integrated Border Management in Ukraine – Resilience": {
        "ru": "Поддержка ЕС в укреплении интегрированного управления границами в Украине — Устойчивость",
        "uk": "Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — Стійкість",
    },
}

PROGRAMME_DESCRIPTIONS = {
    "Supports the border agencies of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan in "
    "institutional development, detection capacities, trade facilitation and cross-border cooperation. "
    "Regional office in Bishkek.": {
        "ru": "Программа поддерживает пограничные ведомства Казахстана, Кыргызстана, Таджикистана, "
        "Туркменистана и Узбекистана в институциональном развитии, укреплении потенциала выявления "
        "нарушений, упрощении процедур торговли и развитии трансграничного сотрудничества. Региональный "
        "офис находится в Бишкеке.",
        "uk": "Програма підтримує прикордонні відомства Казахстану, Киргизстану, Таджикистану, "
        "Туркменістану та Узбекистану в інституційному розвитку, посиленні спроможності виявляти порушення, "
        "спрощенні процедур торгівлі та розвитку транскордонного співробітництва. Регіональний офіс "
        "розташований у Бішкеку.",
    },
    "Helps Ukraine's border and customs agencies and the Parliament keep working under war conditions: "
    "equipment, rehabilitation, asset management, trade facilitation and secured operation of the "
    "legislature.": {
        "ru": "Проект помогает пограничному и таможенному ведомствам Украины, а также Верховной Раде "
        "продолжать работу в условиях войны: поставки оборудования, реабилитация персонала, управление "
        "имуществом, содействие торговле и безопасное функционирование парламента.",
        "uk": "Проєкт допомагає прикордонному та митному відомствам України, а також Верховній Раді "
        "працювати в умовах війни: постачання обладнання, реабілітація персоналу, управління майном, "
        "сприяння торгівлі та безпечне функціонування парламенту.",
    },
}

BOMCA_COMPONENTS = {
    "Institutional development of border control agencies": {
        "ru": "Институциональное развитие органов пограничного контроля",
        "uk": "Інституційний розвиток органів прикордонного контролю",
    },
    "Improvement of detection capacities": {
        "ru": "Укрепление потенциала выявления нарушений",
        "uk": "Посилення спроможності виявляти порушення",
    },
    "Trade facilitation": {"ru": "Содействие торговле", "uk": "Сприяння торгівлі"},
    "Improvement of cross-border cooperation, incl. NGO support in border areas": {
        "ru": "Развитие трансграничного сотрудничества, включая поддержку НПО в приграничных районах",
        "uk": "Розвиток транскордонного співробітництва, зокрема підтримка НУО в прикордонних районах",
    },
}

EU4IBM_COMPONENTS = {
    "Border management resilience": {
        "ru": "Устойчивость системы управления границами",
        "uk": "Стійкість системи управління кордонами",
    },
    "Trade facilitation": {"ru": "Содействие торговле", "uk": "Сприяння торгівлі"},
    "Sector management support": {
        "ru": "Поддержка управления сектором",
        "uk": "Підтримка управління сектором",
    },
    "Secured operation of legislature": {
        "ru": "Безопасное функционирование парламента",
        "uk": "Безпечне функціонування парламенту",
    },
}

BOMCA_PERIODS = {f"Year {n}": {"ru": f"{n}-й год", "uk": f"{n}-й рік"} for n in range(1, 6)}

EU4IBM_PERIODS = {
    "2022-11/2023-04": {"ru": "ноябрь 2022 — апрель 2023", "uk": "листопад 2022 — квітень 2023"},
    "2023-05/2023-10": {"ru": "май — октябрь 2023", "uk": "травень — жовтень 2023"},
    "2023-11/2024-04": {"ru": "ноябрь 2023 — апрель 2024", "uk": "листопад 2023 — квітень 2024"},
    "2024-05/2024-10": {"ru": "май — октябрь 2024", "uk": "травень — жовтень 2024"},
    "2024-11/2025-06": {"ru": "ноябрь 2024 — июнь 2025", "uk": "листопад 2024 — червень 2025"},
}

BOMCA_RISKS = {
    "Delays in equipment delivery (import procedures, tax exemption)": {
        "ru": "Задержки поставок оборудования (процедуры ввоза, освобождение от налогов)"
    },
    "Handed-over equipment left unused": {"ru": "Переданное оборудование не используется"},
    "Turnover of trained staff in beneficiary agencies": {
        "ru": "Текучесть обученных кадров в ведомствах-бенефициарах"
    },
    "Deteriorating security at the Tajik-Afghan border limits field activities": {
        "ru": "Ухудшение обстановки на таджикско-афганской границе ограничивает выездные мероприятия"
    },
    "Limited access of experts to border areas": {
        "ru": "Ограниченный доступ экспертов в приграничные районы"
    },
}

BOMCA_MITIGATIONS = {
    "Start exemption requests with the specifications; plan deliveries with a buffer of one quarter.": {
        "ru": "Подавать запросы на освобождение от налогов одновременно с техническими спецификациями; "
        "планировать поставки с запасом в один квартал."
    },
    "Operator training before handover; verification visits six months after handover.": {
        "ru": "Обучать операторов до передачи оборудования; проводить проверочные визиты через шесть месяцев "
        "после передачи."
    },
    "Training of trainers and curricula embedded in national training centres.": {
        "ru": "Готовить тренеров и включать учебные программы в работу национальных учебных центров."
    },
    "Remote formats and activities moved to Dushanbe when the situation requires.": {
        "ru": "Проводить мероприятия дистанционно или, если того требует обстановка, переносить их в Душанбе."
    },
    "Agree activity lists with the MFA a year ahead; use study visits abroad.": {
        "ru": "Согласовывать перечни мероприятий с МИД на год вперёд; проводить ознакомительные визиты за "
        "рубеж."
    },
}

EU4IBM_RISKS = {
    "Power cuts stop stationary scanners at border crossing points": {
        "ru": "Отключения электроэнергии останавливают стационарные сканеры в пунктах пропуска",
        "uk": "Відключення електроенергії зупиняють стаціонарні сканери в пунктах пропуску",
    },
    "Attacks on infrastructure damage delivered equipment": {
        "ru": "Удары по инфраструктуре повреждают поставленное оборудование",
        "uk": "Удари по інфраструктурі пошкоджують поставлене обладнання",
    },
    "Delivery of large mobile scanners slips beyond the end date": {
        "ru": "Поставка крупных мобильных сканеров не укладывается в срок реализации проекта",
        "uk": "Постачання великих мобільних сканерів виходить за межі строку реалізації проєкту",
    },
    "Cyber attacks on parliamentary data services": {
        "ru": "Кибератаки на информационные сервисы парламента",
        "uk": "Кібератаки на інформаційні сервіси парламенту",
    },
}

EU4IBM_MITIGATIONS = {
    "UPS units procured for the stationary scanners; generators at the busiest crossings.": {
        "ru": "Закупка источников бесперебойного питания для стационарных сканеров; генераторы в наиболее "
        "загруженных пунктах пропуска.",
        "uk": "Закупівля джерел безперебійного живлення для стаціонарних сканерів; генератори в "
        "найзавантаженіших пунктах пропуску.",
    },
    "Equipment stored dispersed; insurance and replacement reserve in the budget.": {
        "ru": "Рассредоточенное хранение оборудования; страхование и резерв на замену в бюджете.",
        "uk": "Розосереджене зберігання обладнання; страхування та резерв на заміну в бюджеті.",
    },
    "Early tender; extension to mid-2025 requested.": {
        "ru": "Заблаговременное проведение тендера; направлен запрос на продление проекта до середины 2025 "
        "года.",
        "uk": "Завчасне проведення тендеру; подано запит на продовження проєкту до середини 2025 року.",
    },
    "Cloud services with EU providers and off-site backups.": {
        "ru": "Облачные сервисы поставщиков из ЕС и резервные копии за пределами основной площадки.",
        "uk": "Хмарні сервіси постачальників з ЄС і резервні копії поза основним майданчиком.",
    },
}

BOMCA_BUDGET_LINES = {
    "Institutional development: training, expertise and equipment": {
        "ru": "Институциональное развитие: обучение, экспертная поддержка и оборудование"
    },
    "Detection capacities: training and equipment": {
        "ru": "Потенциал выявления нарушений: обучение и оборудование"
    },
    "Trade facilitation": {"ru": "Содействие торговле"},
    "Cross-border cooperation and NGO grants": {"ru": "Трансграничное сотрудничество и гранты НПО"},
    "Management, regional office and visibility": {
        "ru": "Управление программой, региональный офис и информационное сопровождение"
    },
}

EU4IBM_BUDGET_LINES = {
    "Border management resilience: equipment and rehabilitation": {
        "ru": "Устойчивость управления границами: оборудование и реабилитация",
        "uk": "Стійкість управління кордонами: обладнання та реабілітація",
    },
    "Trade facilitation: scanners, UPS units, canine teams": {
        "ru": "Содействие торговле: сканеры, источники бесперебойного питания, кинологические команды",
        "uk": "Сприяння торгівлі: сканери, джерела безперебійного живлення, кінологічні команди",
    },
    "Sector management support": {
        "ru": "Поддержка управления сектором",
        "uk": "Підтримка управління сектором",
    },
    "Secured operation of the legislature": {
        "ru": "Безопасное функционирование парламента",
        "uk": "Безпечне функціонування парламенту",
    },
    "Management and visibility": {
        "ru": "Управление проектом и информационное сопровождение",
        "uk": "Управління проєктом та інформаційний супровід",
    },
}

# The positions of the people the source news names; their organisations follow from their records.
BOMCA_POSITIONS: Texts = {
    "Head of the Political, Press and Information Section of the EU Delegation to Kazakhstan": {
        "ru": "руководитель отдела политики, прессы и информации",
        "uk": "керівник відділу політики, преси та інформації",
    },
    "Head of Unit, Department of Europe, Ministry of Foreign Affairs of Kazakhstan": {
        "ru": "начальник управления Департамента Европы",
        "uk": "начальник управління Департаменту Європи",
    },
}
EU4IBM_POSITIONS: Texts = {
    "ICMPD Head of Region Eastern Europe and Central Asia": {
        "ru": "руководитель региона «Восточная Европа и Центральная Азия»",
        "uk": "керівник регіону «Східна Європа та Центральна Азія»",
    },
}

VERSIONS = [
    Versions(Organisation, "name", ORGANISATIONS),
    Versions(Person, "position", BOMCA_POSITIONS, BOMCA),
    Versions(Person, "position", EU4IBM_POSITIONS, EU4IBM),
    Versions(Programme, "title", PROGRAMME_TITLES),
    Versions(Programme, "description", PROGRAMME_DESCRIPTIONS),
    Versions(Component, "title", BOMCA_COMPONENTS, BOMCA),
    Versions(Component, "title", EU4IBM_COMPONENTS, EU4IBM),
    Versions(ReportingPeriod, "label", BOMCA_PERIODS, BOMCA),
    Versions(ReportingPeriod, "label", EU4IBM_PERIODS, EU4IBM),
    Versions(Risk, "title", BOMCA_RISKS, BOMCA),
    Versions(Risk, "mitigation", BOMCA_MITIGATIONS, BOMCA),
    Versions(Risk, "title", EU4IBM_RISKS, EU4IBM),
    Versions(Risk, "mitigation", EU4IBM_MITIGATIONS, EU4IBM),
    Versions(BudgetLine, "label", BOMCA_BUDGET_LINES, BOMCA),
    Versions(BudgetLine, "label", EU4IBM_BUDGET_LINES, EU4IBM),
]

# How a news text names each programme in Russian and Ukrainian: in full the first time, with its
# acronym (BOMCA writes its own in Cyrillic: «БОМКА 10»), then briefly; by grammatical case, since
# a name inside a sentence declines (nom, gen, dat, acc, ins, loc). Acronyms and quoted names do not.
NEWS_NAMES: dict[str, dict[str, dict[str, dict[str, str]]]] = {
    BOMCA: {
        "ru": {
            "acronym": {"nom": "БОМКА 10"},
            "full": {
                "nom": "Программа содействия управлению границами в Центральной Азии (БОМКА 10)",
                "gen": "Программы содействия управлению границами в Центральной Азии (БОМКА 10)",
                "dat": "Программе содействия управлению границами в Центральной Азии (БОМКА 10)",
                "acc": "Программу содействия управлению границами в Центральной Азии (БОМКА 10)",
                "ins": "Программой содействия управлению границами в Центральной Азии (БОМКА 10)",
                "loc": "Программе содействия управлению границами в Центральной Азии (БОМКА 10)",
            },
            "short": {
                "nom": "программа БОМКА 10",
                "gen": "программы БОМКА 10",
                "dat": "программе БОМКА 10",
                "acc": "программу БОМКА 10",
                "ins": "программой БОМКА 10",
                "loc": "программе БОМКА 10",
            },
            # "финансируемой Европейским Союзом Программы …": the participle agrees with the name.
            "funded_by_eu": {
                "nom": "финансируемая Европейским Союзом",
                "gen": "финансируемой Европейским Союзом",
            },
        },
        "uk": {
            "acronym": {"nom": "БОМКА 10"},
            "full": {
                "nom": "Програма сприяння управлінню кордонами в Центральній Азії (БОМКА 10)",
                "gen": "Програми сприяння управлінню кордонами в Центральній Азії (БОМКА 10)",
                "dat": "Програмі сприяння управлінню кордонами в Центральній Азії (БОМКА 10)",
                "acc": "Програму сприяння управлінню кордонами в Центральній Азії (БОМКА 10)",
                "ins": "Програмою сприяння управлінню кордонами в Центральній Азії (БОМКА 10)",
                "loc": "Програмі сприяння управлінню кордонами в Центральній Азії (БОМКА 10)",
            },
            "short": {
                "nom": "програма БОМКА 10",
                "gen": "програми БОМКА 10",
                "dat": "програмі БОМКА 10",
                "acc": "програму БОМКА 10",
                "ins": "програмою БОМКА 10",
                "loc": "програмі БОМКА 10",
            },
            "funded_by_eu": {
                "nom": "що фінансується Європейським Союзом",
                "gen": "що фінансується Європейським Союзом",
            },
        },
    },
    EU4IBM: {
        "uk": {
            "acronym": {"nom": "EU4IBM-Resilience"},
            "full": {
                "nom": "проєкт «Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — "
                "Стійкість» (EU4IBM-Resilience)",
                "gen": "проєкту «Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — "
                "Стійкість» (EU4IBM-Resilience)",
                "dat": "проєкту «Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — "
                "Стійкість» (EU4IBM-Resilience)",
                "acc": "проєкт «Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — "
                "Стійкість» (EU4IBM-Resilience)",
                "ins": "проєктом «Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — "
                "Стійкість» (EU4IBM-Resilience)",
                "loc": "проєкті «Підтримка ЄС у зміцненні інтегрованого управління кордонами в Україні — "
                "Стійкість» (EU4IBM-Resilience)",
            },
            "short": {
                "nom": "проєкт ЄС «EU4IBM-Resilience»",
                "gen": "проєкту ЄС «EU4IBM-Resilience»",
                "dat": "проєкту ЄС «EU4IBM-Resilience»",
                "acc": "проєкт ЄС «EU4IBM-Resilience»",
                "ins": "проєктом ЄС «EU4IBM-Resilience»",
                "loc": "проєкті ЄС «EU4IBM-Resilience»",
            },
            "funded_by_eu": {
                "nom": "що фінансується Європейським Союзом",
                "gen": "що фінансується Європейським Союзом",
            },
        },
        "ru": {
            "acronym": {"nom": "EU4IBM-Resilience"},
            "full": {
                "nom": "проект «Поддержка ЕС в укреплении интегрированного управления границами в Украине — "
                "Устойчивость» (EU4IBM-Resilience)",
                "gen": "проекта «Поддержка ЕС в укреплении интегрированного управления границами в Украине "
                "— Устойчивость» (EU4IBM-Resilience)",
                "dat": "проекту «Поддержка ЕС в укреплении интегрированного управления границами в Украине "
                "— Устойчивость» (EU4IBM-Resilience)",
                "acc": "проект «Поддержка ЕС в укреплении интегрированного управления границами в Украине — "
                "Устойчивость» (EU4IBM-Resilience)",
                "ins": "проектом «Поддержка ЕС в укреплении интегрированного управления границами в Украине "
                "— Устойчивость» (EU4IBM-Resilience)",
                "loc": "проекте «Поддержка ЕС в укреплении интегрированного управления границами в Украине "
                "— Устойчивость» (EU4IBM-Resilience)",
            },
            "short": {
                "nom": "проект ЕС «EU4IBM-Resilience»",
                "gen": "проекта ЕС «EU4IBM-Resilience»",
                "dat": "проекту ЕС «EU4IBM-Resilience»",
                "acc": "проект ЕС «EU4IBM-Resilience»",
                "ins": "проектом ЕС «EU4IBM-Resilience»",
                "loc": "проекте ЕС «EU4IBM-Resilience»",
            },
            "funded_by_eu": {
                "nom": "финансируемый Европейским Союзом",
                "gen": "финансируемого Европейским Союзом",
            },
        },
    },
}

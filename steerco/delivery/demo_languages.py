"""The demo's delivery texts in Russian and Ukrainian (see steerco.core.demo_languages)."""

from __future__ import annotations

from steerco.core.demo_languages import Versions

from .models import Event, ProcurementLot, Recommendation, WorkPlanItem

BOMCA = "bomca10"
EU4IBM = "eu4ibm-resilience"

# The activities of BOMCA 10's work plan; each of its events bears the title of its line.
BOMCA_ACTIVITIES = {
    "Training of trainers for the border academy": {"ru": "Подготовка тренеров для пограничной академии"},
    "Workshop on the national IBM strategy and action plan": {
        "ru": "Семинар по национальной стратегии интегрированного управления границами и плану действий"
    },
    "Expert mission on human resources management": {"ru": "Экспертная миссия по управлению персоналом"},
    "Training on document fraud detection": {"ru": "Тренинг по выявлению поддельных документов"},
    "Training on risk analysis at border crossing points": {
        "ru": "Тренинг по анализу рисков в пунктах пропуска"
    },
    "Canine handler training": {"ru": "Подготовка кинологов"},
    "Workshop on authorised economic operators": {"ru": "Семинар по уполномоченным экономическим операторам"},
    "Training on post-clearance audit": {"ru": "Тренинг по таможенному контролю после выпуска товаров"},
    "Consultation on sanitary and phytosanitary controls at the border": {
        "ru": "Консультация по санитарному и фитосанитарному контролю на границе"
    },
    "Cross-border cooperation meeting of border commanders": {
        "ru": "Встреча командиров пограничных подразделений по трансграничному сотрудничеству"
    },
    "Study visit to the Latvian–Lithuanian border": {
        "ru": "Ознакомительный визит на латвийско-литовскую границу"
    },
    "Workshop with NGOs of border communities": {"ru": "Семинар с НПО приграничных сообществ"},
}

BOMCA_RECOMMENDATIONS = {
    "Introduce a common risk-analysis template for all border crossing points.": {
        "ru": "Ввести единый шаблон анализа рисков для всех пунктов пропуска."
    },
    "Adopt a training curriculum on document fraud for first-line officers.": {
        "ru": "Утвердить учебную программу по выявлению поддельных документов для сотрудников первой линии "
        "контроля."
    },
    "Set up a joint contact point with the neighbouring border service.": {
        "ru": "Создать совместный контактный пункт с пограничной службой соседнего государства."
    },
    "Publish clearance time statistics for the main crossing points every quarter.": {
        "ru": "Ежеквартально публиковать статистику времени оформления в основных пунктах пропуска."
    },
    "Create a national canine training standard with yearly recertification.": {
        "ru": "Разработать национальный стандарт подготовки кинологов с ежегодной переаттестацией."
    },
    "Include integrity and anti-corruption modules in basic training.": {
        "ru": "Включить в программу базовой подготовки модули по служебной этике и противодействию коррупции."
    },
    "Give the border academy a permanent pool of certified trainers.": {
        "ru": "Сформировать при пограничной академии постоянный состав сертифицированных тренеров."
    },
    "Share risk profiles between the border service and customs in real time.": {
        "ru": "Обеспечить обмен профилями рисков между пограничной и таможенной службами в режиме реального "
        "времени."
    },
    "Introduce pre-arrival information for trucks at the pilot crossing points.": {
        "ru": "Ввести предварительное информирование о грузовых автомобилях в пилотных пунктах пропуска."
    },
    "Agree joint patrol procedures on the common border section.": {
        "ru": "Согласовать порядок совместного патрулирования на общем участке границы."
    },
    "Record the use and maintenance of donated equipment in one register.": {
        "ru": "Вести учёт использования и обслуживания переданного оборудования в едином реестре."
    },
    "Consult border communities before changing crossing point opening hours.": {
        "ru": "Проводить консультации с приграничными сообществами перед изменением режима работы пунктов "
        "пропуска."
    },
}

BOMCA_LOTS = {
    "Training equipment for the Poytakht Training Centre": {
        "ru": "Оборудование для учебного центра «Пойтахт»"
    },
    "Training equipment for border training institutions": {
        "ru": "Учебное оборудование для образовательных учреждений пограничной службы"
    },
    "Equipment of the Border Service Situational Center": {
        "ru": "Оборудование для Ситуационного центра Пограничной службы"
    },
    "GPS transit trackers for the Customs Committee": {
        "ru": "Транзитные навигационные пломбы для Комитета таможни"
    },
    "Document examination equipment for border crossing points": {
        "ru": "Оборудование для экспертизы документов в пунктах пропуска"
    },
}

EU4IBM_WORK_PLAN = {
    "Training of rehabilitation staff on the equipment delivered": {
        "ru": "Обучение специалистов по реабилитации работе с поставленным оборудованием",
        "uk": "Навчання фахівців з реабілітації роботі з поставленим обладнанням",
    },
    "Contract the two further large mobile scanners": {
        "ru": "Заключение контрактов на поставку ещё двух крупных мобильных сканеров",
        "uk": "Укладення контрактів на постачання ще двох великих мобільних сканерів",
    },
    "Deliver and install UPS units at the stationary scanners": {
        "ru": "Поставка и установка источников бесперебойного питания для стационарных сканеров",
        "uk": "Постачання та встановлення джерел безперебійного живлення для стаціонарних сканерів",
    },
    "Scanner operator and image analyst courses": {
        "ru": "Курсы для операторов сканеров и аналитиков изображений",
        "uk": "Курси для операторів сканерів та аналітиків зображень",
    },
    "Anti-corruption webinars with Lithuanian practitioners": {
        "ru": "Антикоррупционные вебинары с участием литовских практиков",
        "uk": "Антикорупційні вебінари за участю литовських практиків",
    },
    "Verification of the radio stations in use": {
        "ru": "Проверка использования переданных радиостанций",
        "uk": "Перевірка використання переданих радіостанцій",
    },
    "Secured operation of the legislature: continuity workshop": {
        "ru": "Безопасное функционирование парламента: семинар по обеспечению непрерывности работы",
        "uk": "Безпечне функціонування парламенту: семінар із забезпечення безперервності роботи",
    },
}

# The numbered courses and sessions of EU4IBM-Resilience's delivery records, as many as the demo holds.
CANINE_COURSES = 8
ANTI_CORRUPTION_SESSIONS = 29

EU4IBM_EVENTS = {
    **{
        f"Customs canine team training, course {n}": {
            "ru": f"Подготовка таможенных кинологических команд, курс {n}",
            "uk": f"Підготовка митних кінологічних команд, курс {n}",
        }
        for n in range(1, CANINE_COURSES + 1)
    },
    **{
        f"Anti-corruption consultation on Lithuanian practice, session {n}": {
            "ru": f"Антикоррупционная консультация: опыт Литвы, занятие {n}",
            "uk": f"Антикорупційна консультація: досвід Литви, заняття {n}",
        }
        for n in range(1, ANTI_CORRUPTION_SESSIONS + 1)
    },
    "Expert mission on SBGS asset management": {
        "ru": "Экспертная миссия по управлению имуществом Госпогранслужбы",
        "uk": "Експертна місія з питань управління майном Держприкордонслужби",
    },
    "Scanner operator and image analyst training": {
        "ru": "Обучение операторов сканеров и аналитиков изображений",
        "uk": "Навчання операторів сканерів та аналітиків зображень",
    },
}

EU4IBM_RECOMMENDATIONS = {
    "Adopt the re-engineered asset-management process with its 20 sub-processes.": {
        "ru": "Утвердить перестроенный процесс управления имуществом и 20 его подпроцессов.",
        "uk": "Затвердити перебудований процес управління майном і 20 його підпроцесів.",
    },
    "Keep one electronic register of all donated equipment with serial numbers and locations.": {
        "ru": "Вести единый электронный реестр всего переданного оборудования с серийными номерами и "
        "местами размещения.",
        "uk": "Вести єдиний електронний реєстр усього переданого обладнання із серійними номерами та "
        "місцями розміщення.",
    },
    "Plan maintenance and warranty follow-up for every item at handover.": {
        "ru": "При передаче каждой единицы оборудования планировать её техническое и гарантийное "
        "обслуживание.",
        "uk": "Під час передачі кожної одиниці обладнання планувати її технічне та гарантійне "
        "обслуговування.",
    },
}

EU4IBM_LOTS = {
    "Mobile radio stations": {"ru": "Мобильные радиостанции", "uk": "Мобільні радіостанції"},
    "Mobile mini-scanners": {"ru": "Мобильные мини-сканеры", "uk": "Мобільні мінісканери"},
    "Large mobile cargo scanner": {
        "ru": "Крупный мобильный сканер для досмотра грузов",
        "uk": "Великий мобільний сканер для огляду вантажів",
    },
    "Two large mobile cargo scanners": {
        "ru": "Два крупных мобильных сканера для досмотра грузов",
        "uk": "Два великі мобільні сканери для огляду вантажів",
    },
    "UPS units for stationary scanners": {
        "ru": "Источники бесперебойного питания для стационарных сканеров",
        "uk": "Джерела безперебійного живлення для стаціонарних сканерів",
    },
    "Rehabilitation equipment, first batch (fitness equipment, exoskeleton)": {
        "ru": "Реабилитационное оборудование, первая партия (тренажёры, экзоскелет)",
        "uk": "Реабілітаційне обладнання, перша партія (тренажери, екзоскелет)",
    },
}

VERSIONS = [
    Versions(WorkPlanItem, "title", BOMCA_ACTIVITIES, BOMCA),
    Versions(Event, "title", BOMCA_ACTIVITIES, BOMCA),
    Versions(Recommendation, "text", BOMCA_RECOMMENDATIONS, BOMCA),
    Versions(ProcurementLot, "title", BOMCA_LOTS, BOMCA),
    Versions(WorkPlanItem, "title", EU4IBM_WORK_PLAN, EU4IBM),
    Versions(Event, "title", EU4IBM_EVENTS, EU4IBM),
    Versions(Recommendation, "text", EU4IBM_RECOMMENDATIONS, EU4IBM),
    Versions(ProcurementLot, "title", EU4IBM_LOTS, EU4IBM),
]

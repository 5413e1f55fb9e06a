"""One factory for a small, realistic registry: built through the services, never by raw inserts."""

from dataclasses import dataclass

from tracedesk.registry import services
from tracedesk.registry.models import Event, Facility, Person, PersonName, Place, Source, Unit


@dataclass
class Registry:
    brianka: Place
    pit: Facility
    unit: Unit
    ivan: Person
    protected: Person
    source: Source
    testimony: Source
    detention: Event


def build_registry(actor) -> Registry:
    brianka = services.place_create(
        actor=actor,
        geonameid=711369,
        name_en="Bryanka",
        name_uk="Брянка",
        name_ru="Брянка",
        latitude=48.51,
        longitude=38.65,
        admin1="Luhansk",
        country="UA",
    )
    pit = services.facility_create(
        actor=actor, name="Brianka basement", kind=Facility.Kind.BASEMENT, place=brianka
    )
    unit = services.unit_create(actor=actor, name="Test Brigade", designation="в/ч 00001")
    ivan = services.person_create(
        actor=actor,
        names=[
            services.NameInput("Іван Петрович Сидоренко", language="uk"),
            services.NameInput("Иван Сидоренко", language="ru", kind=PersonName.Kind.ALIAS),
            services.NameInput("Ivan S.", kind=PersonName.Kind.PSEUDONYM),
        ],
        birth_date="1998",
        category=Person.Category.SERVICEMAN,
        units=[unit],
    )
    protected = services.person_create(
        actor=actor,
        names=[
            services.NameInput("Канарейкин Защищённый", language="ru"),
            services.NameInput("Witness K.", kind=PersonName.Kind.PSEUDONYM),
        ],
        sensitivity="protected",
    )
    text = "In July 2022 Ivan Sydorenko was held in a basement in Brianka, his mother said."
    source = services.source_create(
        actor=actor,
        title="Soldiers held in Brianka",
        text=text,
        url="https://example.org/a",
        outlet="Example",
    )
    testimony = services.source_create(
        actor=actor,
        title="Testimony of a relative",
        text="He called me from the basement.",
        kind=Source.Kind.TESTIMONY,
    )
    detention = services.event_create(
        actor=actor,
        type=Event.Type.DETENTION,
        title="Held in Brianka basement",
        date_start="2022-07",
        facility=pit,
        perpetrator_unit=unit,
        victims=[ivan],
        unnamed_count=20,
    )
    start = text.index("Ivan")
    services.evidence_create(
        actor=actor, source=source, start=start, end=text.index(","), event=detention
    )
    return Registry(brianka, pit, unit, ivan, protected, source, testimony, detention)

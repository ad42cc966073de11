/* cohort-demo-data.h — the word lists, weights and example groups that
 * cohort-demo.c builds sample data from
 *
 * Names keep their diacritics (and, for some cultures, their own script) so
 * that the sample data exercises text folding the way real contact lists do.
 * Only cohort-demo.c and cohort-demo-people.c include this file (through
 * cohort-demo-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

typedef struct
{
  const char *latin;     /* in Latin script, diacritics kept */
  const char *native;    /* in the culture's own script; NULL when Latin */
  const char *latin_f;   /* last names: the feminine form, NULL when the same */
  const char *native_f;
} DemoName;

/* Languages that company names are written in. */
typedef enum
{
  DEMO_LANG_EN,
  DEMO_LANG_DE,
  DEMO_LANG_FR,
  DEMO_LANG_ES,
  DEMO_LANG_IT,
  DEMO_LANG_NL,
  DEMO_LANG_PT,
  DEMO_LANG_CS,
  DEMO_LANG_PL,
  DEMO_LANG_SV,
  DEMO_LANG_NO,
  DEMO_LANG_TR,
  DEMO_N_LANGS
} DemoLang;

typedef enum
{
  DEMO_DE, DEMO_AT, DEMO_CH, DEMO_FR, DEMO_BE, DEMO_NL, DEMO_GB, DEMO_IE,
  DEMO_US, DEMO_CA, DEMO_AU, DEMO_ES, DEMO_MX, DEMO_PT, DEMO_BR, DEMO_IT,
  DEMO_CZ, DEMO_PL, DEMO_SE, DEMO_NO, DEMO_DK, DEMO_TR, DEMO_GR, DEMO_JP,
  DEMO_CN, DEMO_SG, DEMO_IN, DEMO_AE, DEMO_EG, DEMO_SA, DEMO_MA, DEMO_KE,
  DEMO_TZ,
  DEMO_N_COUNTRIES
} DemoCountryId;

#define DEMO_LIST(array) (array), G_N_ELEMENTS (array)

typedef struct
{
  const char        *code;
  const char        *dial;
  const char        *tld;
  DemoLang           lang;
  const char *const *cities;
  guint              n_cities;
  const char *const *mail_domains;
  guint              n_mail_domains;
  const char *const *legal_forms;
  guint              n_legal_forms;
} DemoCountry;

typedef struct
{
  DemoCountryId country;
  guint         weight;
} DemoCountryWeight;

typedef struct
{
  const DemoName          *male;
  guint                    n_male;
  const DemoName          *female;
  guint                    n_female;
  const DemoName          *last;
  guint                    n_last;
  const DemoCountryWeight *countries;
  guint                    n_countries;
  const char *const       *titles;     /* job titles in the local language */
  guint                    n_titles;
  guint                    weight;
  guint                    native_percent;
  gboolean                 german_umlauts;  /* ä → ae in e-mail addresses */
} DemoCulture;

typedef struct
{
  const char *industry;
  const char *word[DEMO_N_LANGS];
} DemoSector;

/* ---- cities, mail providers and legal forms by country ----------------- */

static const char *const demo_cities_de[] = {
  "Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Stuttgart",
  "Düsseldorf", "Leipzig", "Dortmund", "Essen", "Bremen", "Dresden",
  "Hannover", "Nürnberg", "Münster", "Freiburg im Breisgau", "Würzburg",
  "Lübeck", "Göttingen", "Regensburg",
};
static const char *const demo_mail_de[] = {
  "gmx.de", "web.de", "t-online.de", "gmail.com", "outlook.de", "posteo.de",
};
static const char *const demo_legal_de[] = { "GmbH", "GmbH", "AG", "GmbH & Co. KG", "KG" };

static const char *const demo_cities_at[] = {
  "Wien", "Graz", "Linz", "Salzburg", "Innsbruck", "Klagenfurt", "Villach",
  "Wels", "St. Pölten", "Dornbirn",
};
static const char *const demo_mail_at[] = { "gmx.at", "aon.at", "gmail.com", "a1.net" };
static const char *const demo_legal_at[] = { "GmbH", "GmbH", "AG", "OG", "KG" };

static const char *const demo_cities_ch[] = {
  "Zürich", "Genève", "Basel", "Bern", "Lausanne", "Winterthur", "Luzern",
  "St. Gallen", "Lugano", "Biel/Bienne",
};
static const char *const demo_mail_ch[] = { "bluewin.ch", "gmx.ch", "gmail.com", "sunrise.ch" };
static const char *const demo_legal_ch[] = { "AG", "GmbH", "SA", "Sàrl" };

static const char *const demo_cities_fr[] = {
  "Paris", "Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Strasbourg",
  "Montpellier", "Bordeaux", "Lille", "Rennes", "Reims", "Saint-Étienne",
  "Besançon", "Orléans",
};
static const char *const demo_mail_fr[] = {
  "orange.fr", "free.fr", "laposte.net", "gmail.com", "sfr.fr", "wanadoo.fr",
};
static const char *const demo_legal_fr[] = { "SAS", "SARL", "SA" };

static const char *const demo_cities_be[] = {
  "Bruxelles", "Antwerpen", "Gent", "Charleroi", "Liège", "Brugge", "Namur",
  "Leuven", "Mons",
};
static const char *const demo_mail_be[] = { "skynet.be", "telenet.be", "gmail.com", "proximus.be" };
static const char *const demo_legal_be[] = { "BV", "NV", "SRL", "SA" };

static const char *const demo_cities_nl[] = {
  "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen",
  "Tilburg", "Almere", "Breda", "Nijmegen", "Haarlem", "Arnhem",
  "'s-Hertogenbosch",
};
static const char *const demo_mail_nl[] = {
  "ziggo.nl", "kpnmail.nl", "gmail.com", "hotmail.nl", "xs4all.nl",
};
static const char *const demo_legal_nl[] = { "B.V.", "B.V.", "N.V." };

static const char *const demo_cities_gb[] = {
  "London", "Birmingham", "Manchester", "Glasgow", "Leeds", "Liverpool",
  "Edinburgh", "Bristol", "Sheffield", "Cardiff", "Belfast", "Nottingham",
  "Cambridge", "Oxford",
};
static const char *const demo_mail_gb[] = {
  "gmail.com", "btinternet.com", "outlook.com", "yahoo.co.uk", "sky.com",
};
static const char *const demo_legal_gb[] = { "Ltd", "Ltd", "PLC", "LLP" };

static const char *const demo_cities_ie[] = { "Dublin", "Cork", "Galway", "Limerick", "Waterford" };
static const char *const demo_mail_ie[] = { "eircom.net", "gmail.com", "outlook.com" };
static const char *const demo_legal_ie[] = { "Ltd", "DAC" };

static const char *const demo_cities_us[] = {
  "New York", "Los Angeles", "Chicago", "Houston", "Phoenix", "Philadelphia",
  "San Antonio", "San Diego", "Dallas", "San Jose", "Austin", "Seattle",
  "Denver", "Boston", "Portland", "Miami", "Atlanta",
};
static const char *const demo_mail_us[] = {
  "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com",
};
static const char *const demo_legal_us[] = { "Inc.", "Inc.", "LLC", "Corp." };

static const char *const demo_cities_ca[] = {
  "Toronto", "Montréal", "Vancouver", "Calgary", "Ottawa", "Edmonton",
  "Québec", "Winnipeg", "Halifax",
};
static const char *const demo_mail_ca[] = { "gmail.com", "rogers.com", "videotron.ca", "shaw.ca", "bell.net" };
static const char *const demo_legal_ca[] = { "Inc.", "Ltd.", "Ltée" };

static const char *const demo_cities_au[] = {
  "Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra",
  "Hobart", "Darwin", "Gold Coast",
};
static const char *const demo_mail_au[] = { "bigpond.com", "gmail.com", "optusnet.com.au", "outlook.com" };
static const char *const demo_legal_au[] = { "Pty Ltd" };

static const char *const demo_cities_es[] = {
  "Madrid", "Barcelona", "València", "Sevilla", "Zaragoza", "Málaga",
  "Murcia", "Palma", "Las Palmas", "Bilbao", "Alicante", "Córdoba",
  "Valladolid", "Vigo", "Gijón", "A Coruña", "San Sebastián",
};
static const char *const demo_mail_es[] = {
  "gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es",
};
static const char *const demo_legal_es[] = { "S.L.", "S.L.", "S.A." };

static const char *const demo_cities_mx[] = {
  "Ciudad de México", "Guadalajara", "Monterrey", "Puebla", "Tijuana",
  "León", "Querétaro", "Mérida", "Cancún",
};
static const char *const demo_mail_mx[] = { "gmail.com", "hotmail.com", "yahoo.com.mx", "prodigy.net.mx" };
static const char *const demo_legal_mx[] = { "S.A. de C.V.", "S. de R.L." };

static const char *const demo_cities_pt[] = {
  "Lisboa", "Porto", "Braga", "Coimbra", "Funchal", "Faro", "Aveiro",
  "Setúbal", "Évora",
};
static const char *const demo_mail_pt[] = { "sapo.pt", "gmail.com", "hotmail.com", "netcabo.pt" };
static const char *const demo_legal_pt[] = { "Lda.", "S.A." };

static const char *const demo_cities_br[] = {
  "São Paulo", "Rio de Janeiro", "Brasília", "Salvador", "Fortaleza",
  "Belo Horizonte", "Manaus", "Curitiba", "Recife", "Porto Alegre",
  "Goiânia", "Belém", "Florianópolis",
};
static const char *const demo_mail_br[] = {
  "gmail.com", "uol.com.br", "bol.com.br", "terra.com.br", "hotmail.com",
};
static const char *const demo_legal_br[] = { "Ltda.", "Ltda.", "S.A." };

static const char *const demo_cities_it[] = {
  "Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna",
  "Firenze", "Bari", "Catania", "Venezia", "Verona", "Padova", "Trieste",
  "Forlì",
};
static const char *const demo_mail_it[] = {
  "libero.it", "virgilio.it", "tiscali.it", "gmail.com", "alice.it",
};
static const char *const demo_legal_it[] = { "S.r.l.", "S.r.l.", "S.p.A." };

static const char *const demo_cities_cz[] = {
  "Praha", "Brno", "Ostrava", "Plzeň", "Liberec", "Olomouc",
  "České Budějovice", "Hradec Králové", "Ústí nad Labem", "Pardubice", "Zlín",
};
static const char *const demo_mail_cz[] = { "seznam.cz", "email.cz", "centrum.cz", "gmail.com" };
static const char *const demo_legal_cz[] = { "s.r.o.", "s.r.o.", "a.s." };

static const char *const demo_cities_pl[] = {
  "Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk", "Szczecin",
  "Bydgoszcz", "Lublin", "Katowice", "Białystok", "Gdynia", "Częstochowa",
  "Toruń",
};
static const char *const demo_mail_pl[] = { "wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com" };
static const char *const demo_legal_pl[] = { "sp. z o.o.", "sp. z o.o.", "S.A." };

static const char *const demo_cities_se[] = {
  "Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro",
  "Linköping", "Helsingborg", "Jönköping", "Norrköping", "Lund", "Umeå",
};
static const char *const demo_mail_se[] = { "telia.com", "gmail.com", "hotmail.se", "bredband.net" };
static const char *const demo_legal_se[] = { "AB" };

static const char *const demo_cities_no[] = {
  "Oslo", "Bergen", "Trondheim", "Stavanger", "Drammen", "Fredrikstad",
  "Kristiansand", "Tromsø", "Ålesund", "Bodø",
};
static const char *const demo_mail_no[] = { "online.no", "gmail.com", "hotmail.no" };
static const char *const demo_legal_no[] = { "AS", "AS", "ASA" };

static const char *const demo_cities_dk[] = {
  "København", "Aarhus", "Odense", "Aalborg", "Esbjerg", "Randers", "Kolding",
  "Horsens", "Vejle", "Roskilde",
};
static const char *const demo_mail_dk[] = { "gmail.com", "jubii.dk", "mail.dk", "hotmail.dk" };
static const char *const demo_legal_dk[] = { "ApS", "A/S" };

static const char *const demo_cities_tr[] = {
  "İstanbul", "Ankara", "İzmir", "Bursa", "Antalya", "Konya", "Adana",
  "Gaziantep", "Eskişehir", "Kayseri",
};
static const char *const demo_mail_tr[] = { "gmail.com", "hotmail.com", "yandex.com.tr", "mynet.com" };
static const char *const demo_legal_tr[] = { "A.Ş.", "Ltd. Şti." };

static const char *const demo_cities_gr[] = {
  "Αθήνα", "Athens", "Thessaloniki", "Θεσσαλονίκη", "Patras", "Heraklion",
  "Larissa", "Volos", "Ioannina", "Chania",
};
static const char *const demo_mail_gr[] = { "gmail.com", "yahoo.gr", "otenet.gr", "hotmail.com" };
static const char *const demo_legal_gr[] = { "A.E.", "E.P.E.", "I.K.E." };

static const char *const demo_cities_jp[] = {
  "Tokyo", "東京", "Yokohama", "Osaka", "大阪", "Nagoya", "Sapporo",
  "Fukuoka", "Kobe", "Kyoto", "京都", "Kawasaki", "Saitama", "Hiroshima",
  "Sendai",
};
static const char *const demo_mail_jp[] = {
  "yahoo.co.jp", "gmail.com", "docomo.ne.jp", "ezweb.ne.jp", "icloud.com",
};
static const char *const demo_legal_jp[] = { "K.K.", "Co., Ltd." };

static const char *const demo_cities_cn[] = {
  "Beijing", "北京", "Shanghai", "上海", "Guangzhou", "Shenzhen", "深圳",
  "Chengdu", "Hangzhou", "Wuhan", "Xi'an", "Nanjing", "Tianjin", "Suzhou",
  "Chongqing",
};
static const char *const demo_mail_cn[] = { "qq.com", "163.com", "126.com", "sina.com", "gmail.com" };
static const char *const demo_legal_cn[] = { "Co., Ltd.", "Group" };

static const char *const demo_cities_sg[] = { "Singapore" };
static const char *const demo_mail_sg[] = { "gmail.com", "singnet.com.sg", "outlook.com" };
static const char *const demo_legal_sg[] = { "Pte. Ltd." };

static const char *const demo_cities_in[] = {
  "Mumbai", "Delhi", "नई दिल्ली", "Bengaluru", "Hyderabad", "Ahmedabad",
  "Chennai", "Kolkata", "Pune", "Jaipur", "Lucknow", "Kochi", "Chandigarh",
};
static const char *const demo_mail_in[] = { "gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com" };
static const char *const demo_legal_in[] = { "Pvt. Ltd.", "Pvt. Ltd.", "Ltd." };

static const char *const demo_cities_ae[] = { "Dubai", "دبي", "Abu Dhabi", "Sharjah", "Al Ain", "Ajman" };
static const char *const demo_mail_ae[] = { "gmail.com", "outlook.com", "emirates.net.ae" };
static const char *const demo_legal_ae[] = { "LLC", "FZE", "FZ-LLC" };

static const char *const demo_cities_eg[] = {
  "Cairo", "القاهرة", "Alexandria", "Giza", "Mansoura", "Luxor", "Port Said",
};
static const char *const demo_mail_eg[] = { "gmail.com", "yahoo.com", "hotmail.com" };
static const char *const demo_legal_eg[] = { "S.A.E.", "LLC" };

static const char *const demo_cities_sa[] = { "Riyadh", "الرياض", "Jeddah", "Dammam", "Khobar", "Medina" };
static const char *const demo_mail_sa[] = { "gmail.com", "hotmail.com", "outlook.com" };
static const char *const demo_legal_sa[] = { "LLC", "Co." };

static const char *const demo_cities_ma[] = { "Casablanca", "Rabat", "Marrakech", "Fès", "Tanger", "Agadir" };
static const char *const demo_mail_ma[] = { "gmail.com", "menara.ma", "yahoo.fr" };
static const char *const demo_legal_ma[] = { "SARL", "SA" };

static const char *const demo_cities_ke[] = { "Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Malindi" };
static const char *const demo_mail_ke[] = { "gmail.com", "yahoo.com", "outlook.com" };
static const char *const demo_legal_ke[] = { "Ltd", "PLC" };

static const char *const demo_cities_tz[] = {
  "Dar es Salaam", "Dodoma", "Arusha", "Mwanza", "Zanzibar", "Moshi", "Tanga",
};
static const char *const demo_mail_tz[] = { "gmail.com", "yahoo.com" };
static const char *const demo_legal_tz[] = { "Ltd", "Co. Ltd" };

#define DEMO_COUNTRY(cc, code, dial, tld, lang) \
  { code, dial, tld, lang, DEMO_LIST (demo_cities_##cc), DEMO_LIST (demo_mail_##cc), \
    DEMO_LIST (demo_legal_##cc) }

static const DemoCountry demo_countries[DEMO_N_COUNTRIES] = {
  [DEMO_DE] = DEMO_COUNTRY (de, "DE", "49", "de", DEMO_LANG_DE),
  [DEMO_AT] = DEMO_COUNTRY (at, "AT", "43", "at", DEMO_LANG_DE),
  [DEMO_CH] = DEMO_COUNTRY (ch, "CH", "41", "ch", DEMO_LANG_DE),
  [DEMO_FR] = DEMO_COUNTRY (fr, "FR", "33", "fr", DEMO_LANG_FR),
  [DEMO_BE] = DEMO_COUNTRY (be, "BE", "32", "be", DEMO_LANG_NL),
  [DEMO_NL] = DEMO_COUNTRY (nl, "NL", "31", "nl", DEMO_LANG_NL),
  [DEMO_GB] = DEMO_COUNTRY (gb, "GB", "44", "co.uk", DEMO_LANG_EN),
  [DEMO_IE] = DEMO_COUNTRY (ie, "IE", "353", "ie", DEMO_LANG_EN),
  [DEMO_US] = DEMO_COUNTRY (us, "US", "1", "com", DEMO_LANG_EN),
  [DEMO_CA] = DEMO_COUNTRY (ca, "CA", "1", "ca", DEMO_LANG_EN),
  [DEMO_AU] = DEMO_COUNTRY (au, "AU", "61", "com.au", DEMO_LANG_EN),
  [DEMO_ES] = DEMO_COUNTRY (es, "ES", "34", "es", DEMO_LANG_ES),
  [DEMO_MX] = DEMO_COUNTRY (mx, "MX", "52", "com.mx", DEMO_LANG_ES),
  [DEMO_PT] = DEMO_COUNTRY (pt, "PT", "351", "pt", DEMO_LANG_PT),
  [DEMO_BR] = DEMO_COUNTRY (br, "BR", "55", "com.br", DEMO_LANG_PT),
  [DEMO_IT] = DEMO_COUNTRY (it, "IT", "39", "it", DEMO_LANG_IT),
  [DEMO_CZ] = DEMO_COUNTRY (cz, "CZ", "420", "cz", DEMO_LANG_CS),
  [DEMO_PL] = DEMO_COUNTRY (pl, "PL", "48", "pl", DEMO_LANG_PL),
  [DEMO_SE] = DEMO_COUNTRY (se, "SE", "46", "se", DEMO_LANG_SV),
  [DEMO_NO] = DEMO_COUNTRY (no, "NO", "47", "no", DEMO_LANG_NO),
  [DEMO_DK] = DEMO_COUNTRY (dk, "DK", "45", "dk", DEMO_LANG_NO),
  [DEMO_TR] = DEMO_COUNTRY (tr, "TR", "90", "com.tr", DEMO_LANG_TR),
  [DEMO_GR] = DEMO_COUNTRY (gr, "GR", "30", "gr", DEMO_LANG_EN),
  [DEMO_JP] = DEMO_COUNTRY (jp, "JP", "81", "co.jp", DEMO_LANG_EN),
  [DEMO_CN] = DEMO_COUNTRY (cn, "CN", "86", "cn", DEMO_LANG_EN),
  [DEMO_SG] = DEMO_COUNTRY (sg, "SG", "65", "com.sg", DEMO_LANG_EN),
  [DEMO_IN] = DEMO_COUNTRY (in, "IN", "91", "in", DEMO_LANG_EN),
  [DEMO_AE] = DEMO_COUNTRY (ae, "AE", "971", "ae", DEMO_LANG_EN),
  [DEMO_EG] = DEMO_COUNTRY (eg, "EG", "20", "com.eg", DEMO_LANG_EN),
  [DEMO_SA] = DEMO_COUNTRY (sa, "SA", "966", "sa", DEMO_LANG_EN),
  [DEMO_MA] = DEMO_COUNTRY (ma, "MA", "212", "ma", DEMO_LANG_FR),
  [DEMO_KE] = DEMO_COUNTRY (ke, "KE", "254", "co.ke", DEMO_LANG_EN),
  [DEMO_TZ] = DEMO_COUNTRY (tz, "TZ", "255", "co.tz", DEMO_LANG_EN),
};

#undef DEMO_COUNTRY

/* ---- names, by culture -------------------------------------------------- */

static const DemoName demo_german_male[] = {
  { "Lukas" }, { "Jonas" }, { "Maximilian" }, { "Felix" }, { "Leon" }, { "Paul" },
  { "Tobias" }, { "Matthias" }, { "Stefan" }, { "Jürgen" }, { "Uwe" }, { "Klaus" },
  { "Dieter" }, { "Günter" }, { "Jörg" }, { "Sebastian" }, { "Florian" }, { "Andreas" },
};
static const DemoName demo_german_female[] = {
  { "Anna" }, { "Lena" }, { "Sophie" }, { "Marie" }, { "Hannah" }, { "Lea" },
  { "Katharina" }, { "Julia" }, { "Sabine" }, { "Ursula" }, { "Jutta" }, { "Birgit" },
  { "Bärbel" }, { "Käthe" }, { "Annegret" }, { "Susanne" }, { "Franziska" }, { "Charlotte" },
};
static const DemoName demo_german_last[] = {
  { "Müller" }, { "Schmidt" }, { "Schneider" }, { "Fischer" }, { "Weber" }, { "Meyer" },
  { "Wagner" }, { "Becker" }, { "Schulz" }, { "Hoffmann" }, { "Schäfer" }, { "Koch" },
  { "Bauer" }, { "Richter" }, { "Klein" }, { "Wolf" }, { "Schröder" }, { "Neumann" },
  { "Schwarz" }, { "Zimmermann" }, { "Braun" }, { "Krüger" }, { "Hartmann" }, { "Lange" },
  { "Werner" }, { "Krause" }, { "Lehmann" }, { "Köhler" }, { "Weiß" }, { "Groß" },
  { "Strauß" }, { "Huber" }, { "Gruber" }, { "Egger" }, { "Moser" }, { "Brunner" },
  { "Keller" }, { "Baumgärtner" },
};
static const char *const demo_german_titles[] = {
  "Geschäftsführer", "Geschäftsführerin", "Marketingleiterin", "Vertriebsleiter",
  "Einkaufsleiter", "Projektleiterin", "Sachbearbeiter Auftragsabwicklung",
  "Teamleiterin Kundenservice", "Prokurist", "Leiter IT", "Werkstudentin Marketing",
};
static const DemoCountryWeight demo_german_countries[] = {
  { DEMO_DE, 70 }, { DEMO_AT, 14 }, { DEMO_CH, 12 }, { DEMO_US, 2 }, { DEMO_GB, 2 },
};

static const DemoName demo_english_male[] = {
  { "James" }, { "John" }, { "Robert" }, { "Michael" }, { "William" }, { "David" },
  { "Richard" }, { "Thomas" }, { "Daniel" }, { "Matthew" }, { "Oliver" }, { "Harry" },
  { "George" }, { "Jack" }, { "Liam" }, { "Noah" }, { "Ethan" },
};
static const DemoName demo_english_female[] = {
  { "Mary" }, { "Patricia" }, { "Jennifer" }, { "Linda" }, { "Elizabeth" }, { "Susan" },
  { "Jessica" }, { "Sarah" }, { "Karen" }, { "Emily" }, { "Olivia" }, { "Amelia" },
  { "Isla" }, { "Chloe" }, { "Grace" }, { "Sophie" }, { "Zoë" },
};
static const DemoName demo_english_last[] = {
  { "Smith" }, { "Johnson" }, { "Williams" }, { "Brown" }, { "Jones" }, { "Miller" },
  { "Davis" }, { "Wilson" }, { "Anderson" }, { "Taylor" }, { "Thomas" }, { "Moore" },
  { "Jackson" }, { "White" }, { "Harris" }, { "Clark" }, { "Lewis" }, { "Walker" },
  { "Hall" }, { "Young" }, { "King" }, { "Wright" }, { "Evans" }, { "Roberts" },
  { "Hughes" }, { "O'Brien" }, { "O'Connor" }, { "McDonald" }, { "Murphy" }, { "Kelly" },
  { "Cooper" },
};
static const DemoCountryWeight demo_english_countries[] = {
  { DEMO_US, 52 }, { DEMO_GB, 26 }, { DEMO_IE, 6 }, { DEMO_CA, 8 }, { DEMO_AU, 8 },
};

static const DemoName demo_french_male[] = {
  { "Jean" }, { "Pierre" }, { "Michel" }, { "Philippe" }, { "Alain" }, { "Nicolas" },
  { "François" }, { "Julien" }, { "Sébastien" }, { "Mathieu" }, { "Théo" }, { "Hugo" },
  { "Louis" }, { "Gaël" }, { "Jérôme" }, { "Benoît" },
};
static const DemoName demo_french_female[] = {
  { "Marie" }, { "Nathalie" }, { "Isabelle" }, { "Sylvie" }, { "Céline" }, { "Émilie" },
  { "Camille" }, { "Chloé" }, { "Léa" }, { "Manon" }, { "Inès" }, { "Océane" },
  { "Hélène" }, { "Françoise" }, { "Agnès" }, { "Margaux" },
};
static const DemoName demo_french_last[] = {
  { "Martin" }, { "Bernard" }, { "Dubois" }, { "Thomas" }, { "Robert" }, { "Richard" },
  { "Petit" }, { "Durand" }, { "Leroy" }, { "Moreau" }, { "Simon" }, { "Laurent" },
  { "Lefèvre" }, { "Michel" }, { "David" }, { "Bertrand" }, { "Roux" }, { "Vincent" },
  { "Fournier" }, { "Morel" }, { "Girard" }, { "André" }, { "Mercier" }, { "Dupont" },
  { "Lambert" }, { "Bonnet" }, { "Côté" }, { "Gagnon" }, { "Bélanger" },
};
static const char *const demo_french_titles[] = {
  "Directeur général", "Directrice marketing", "Responsable des achats",
  "Chef de projet", "Ingénieur commercial", "Chargée de communication",
};
static const DemoCountryWeight demo_french_countries[] = {
  { DEMO_FR, 72 }, { DEMO_BE, 8 }, { DEMO_CH, 8 }, { DEMO_CA, 8 }, { DEMO_MA, 4 },
};

static const DemoName demo_spanish_male[] = {
  { "José" }, { "Antonio" }, { "Manuel" }, { "Francisco" }, { "Javier" }, { "David" },
  { "Daniel" }, { "Carlos" }, { "Jesús" }, { "Alejandro" }, { "Miguel" }, { "Rafael" },
  { "Pablo" }, { "Sergio" }, { "Álvaro" }, { "Iñaki" },
};
static const DemoName demo_spanish_female[] = {
  { "María" }, { "Carmen" }, { "Ana" }, { "Laura" }, { "Isabel" }, { "Lucía" },
  { "Cristina" }, { "Marta" }, { "Sofía" }, { "Paula" }, { "Elena" }, { "Raquel" },
  { "Inés" }, { "Begoña" }, { "Nuria" }, { "Ximena" },
};
static const DemoName demo_spanish_last[] = {
  { "García" }, { "Fernández" }, { "González" }, { "Rodríguez" }, { "López" },
  { "Martínez" }, { "Sánchez" }, { "Pérez" }, { "Gómez" }, { "Martín" }, { "Jiménez" },
  { "Ruiz" }, { "Hernández" }, { "Díaz" }, { "Moreno" }, { "Muñoz" }, { "Álvarez" },
  { "Romero" }, { "Alonso" }, { "Gutiérrez" }, { "Navarro" }, { "Torres" },
  { "Domínguez" }, { "Vázquez" }, { "Ramos" }, { "Castro" }, { "Ortiz" }, { "Núñez" },
  { "Ibáñez" }, { "Peña" },
};
static const char *const demo_spanish_titles[] = {
  "Director comercial", "Directora de marketing", "Jefe de compras",
  "Gerente general", "Responsable de TI", "Analista de datos",
};
static const DemoCountryWeight demo_spanish_countries[] = {
  { DEMO_ES, 62 }, { DEMO_MX, 26 }, { DEMO_US, 12 },
};

static const DemoName demo_portuguese_male[] = {
  { "João" }, { "Pedro" }, { "Lucas" }, { "Gabriel" }, { "Rafael" }, { "Matheus" },
  { "Gustavo" }, { "Felipe" }, { "Thiago" }, { "Bruno" }, { "André" }, { "Luís" },
  { "Vinícius" }, { "Caio" }, { "Leonardo" },
};
static const DemoName demo_portuguese_female[] = {
  { "Ana" }, { "Maria" }, { "Juliana" }, { "Fernanda" }, { "Beatriz" }, { "Mariana" },
  { "Camila" }, { "Larissa" }, { "Letícia" }, { "Gabriela" }, { "Patrícia" },
  { "Luana" }, { "Inês" }, { "Conceição" }, { "Júlia" },
};
static const DemoName demo_portuguese_last[] = {
  { "Silva" }, { "Santos" }, { "Oliveira" }, { "Souza" }, { "Rodrigues" },
  { "Ferreira" }, { "Alves" }, { "Pereira" }, { "Lima" }, { "Gomes" }, { "Costa" },
  { "Ribeiro" }, { "Martins" }, { "Carvalho" }, { "Araújo" }, { "Almeida" },
  { "Nascimento" }, { "Barbosa" }, { "Cardoso" }, { "Gonçalves" }, { "Magalhães" },
  { "Simões" }, { "Brandão" }, { "Assunção" },
};
static const char *const demo_portuguese_titles[] = {
  "Diretor comercial", "Gerente de marketing", "Analista de sistemas",
  "Coordenadora de vendas", "Comprador",
};
static const DemoCountryWeight demo_portuguese_countries[] = {
  { DEMO_BR, 78 }, { DEMO_PT, 22 },
};

static const DemoName demo_italian_male[] = {
  { "Marco" }, { "Alessandro" }, { "Giuseppe" }, { "Francesco" }, { "Luca" },
  { "Matteo" }, { "Lorenzo" }, { "Andrea" }, { "Giovanni" }, { "Stefano" },
  { "Davide" }, { "Niccolò" }, { "Simone" }, { "Federico" }, { "Riccardo" },
};
static const DemoName demo_italian_female[] = {
  { "Giulia" }, { "Francesca" }, { "Chiara" }, { "Sara" }, { "Martina" },
  { "Alessia" }, { "Valentina" }, { "Elisa" }, { "Federica" }, { "Beatrice" },
  { "Giorgia" }, { "Lucrezia" }, { "Alice" }, { "Ilaria" }, { "Paola" },
};
static const DemoName demo_italian_last[] = {
  { "Rossi" }, { "Russo" }, { "Ferrari" }, { "Esposito" }, { "Bianchi" }, { "Romano" },
  { "Colombo" }, { "Ricci" }, { "Marino" }, { "Greco" }, { "Bruno" }, { "Gallo" },
  { "Conti" }, { "De Luca" }, { "Mancini" }, { "Costa" }, { "Giordano" }, { "Rizzo" },
  { "Lombardi" }, { "Moretti" }, { "Barbieri" }, { "Fontana" }, { "Santoro" },
  { "D'Angelo" }, { "Caruso" }, { "Leone" }, { "Galli" }, { "Martini" },
};
static const char *const demo_italian_titles[] = {
  "Direttore commerciale", "Responsabile marketing", "Amministratore delegato",
  "Responsabile acquisti", "Impiegata amministrativa",
};
static const DemoCountryWeight demo_italian_countries[] = {
  { DEMO_IT, 90 }, { DEMO_CH, 6 }, { DEMO_US, 4 },
};

static const DemoName demo_dutch_male[] = {
  { "Daan" }, { "Sem" }, { "Lucas" }, { "Levi" }, { "Bram" }, { "Jeroen" },
  { "Pieter" }, { "Joost" }, { "Sander" }, { "Thijs" }, { "Ruud" }, { "Wouter" },
  { "Bas" }, { "Maarten" }, { "Niels" },
};
static const DemoName demo_dutch_female[] = {
  { "Emma" }, { "Julia" }, { "Sophie" }, { "Tess" }, { "Fleur" }, { "Anouk" },
  { "Lotte" }, { "Sanne" }, { "Femke" }, { "Marieke" }, { "Ilse" }, { "Eline" },
  { "Noor" }, { "Roos" }, { "Inge" },
};
static const DemoName demo_dutch_last[] = {
  { "de Jong" }, { "Jansen" }, { "de Vries" }, { "van den Berg" }, { "van Dijk" },
  { "Bakker" }, { "Janssens" }, { "Visser" }, { "Smit" }, { "Meijer" }, { "de Boer" },
  { "Mulder" }, { "de Groot" }, { "Bos" }, { "Vos" }, { "Peeters" }, { "Hendriks" },
  { "van Leeuwen" }, { "Dekker" }, { "Brouwer" }, { "de Wit" }, { "Dijkstra" },
  { "Maes" }, { "de Graaf" }, { "van der Meer" },
};
static const char *const demo_dutch_titles[] = {
  "Directeur", "Marketingmanager", "Inkoper", "Accountmanager", "Projectleider",
};
static const DemoCountryWeight demo_dutch_countries[] = {
  { DEMO_NL, 75 }, { DEMO_BE, 25 },
};

static const DemoName demo_czech_male[] = {
  { "Jan" }, { "Jiří" }, { "Petr" }, { "Josef" }, { "Pavel" }, { "Martin" },
  { "Tomáš" }, { "Jaroslav" }, { "Miroslav" }, { "Zdeněk" }, { "Václav" },
  { "Michal" }, { "František" }, { "Lukáš" }, { "Ondřej" }, { "Jakub" },
};
static const DemoName demo_czech_female[] = {
  { "Jana" }, { "Marie" }, { "Eva" }, { "Hana" }, { "Anna" }, { "Lenka" },
  { "Kateřina" }, { "Lucie" }, { "Věra" }, { "Alena" }, { "Petra" }, { "Veronika" },
  { "Jaroslava" }, { "Tereza" }, { "Zuzana" }, { "Markéta" },
};
static const DemoName demo_czech_last[] = {
  { "Novák", NULL, "Nováková" }, { "Svoboda", NULL, "Svobodová" },
  { "Novotný", NULL, "Novotná" }, { "Dvořák", NULL, "Dvořáková" },
  { "Černý", NULL, "Černá" }, { "Procházka", NULL, "Procházková" },
  { "Kučera", NULL, "Kučerová" }, { "Veselý", NULL, "Veselá" },
  { "Horák", NULL, "Horáková" }, { "Němec", NULL, "Němcová" },
  { "Marek", NULL, "Marková" }, { "Pospíšil", NULL, "Pospíšilová" },
  { "Pokorný", NULL, "Pokorná" }, { "Hájek", NULL, "Hájková" },
  { "Král", NULL, "Králová" }, { "Jelínek", NULL, "Jelínková" },
  { "Růžička", NULL, "Růžičková" }, { "Beneš", NULL, "Benešová" },
  { "Fiala", NULL, "Fialová" }, { "Sedláček", NULL, "Sedláčková" },
  { "Doležal", NULL, "Doležalová" }, { "Zeman", NULL, "Zemanová" },
  { "Kolář", NULL, "Kolářová" }, { "Čermák", NULL, "Čermáková" },
  { "Řezníček", NULL, "Řezníčková" }, { "Šimek", NULL, "Šimková" },
  { "Žáček", NULL, "Žáčková" },
};
static const char *const demo_czech_titles[] = {
  "Jednatel", "Ředitel obchodu", "Vedoucí marketingu", "Nákupčí", "Projektová manažerka",
};
static const DemoCountryWeight demo_czech_countries[] = {
  { DEMO_CZ, 94 }, { DEMO_DE, 3 }, { DEMO_AT, 3 },
};

static const DemoName demo_polish_male[] = {
  { "Piotr" }, { "Krzysztof" }, { "Andrzej" }, { "Tomasz" }, { "Paweł" }, { "Michał" },
  { "Marcin" }, { "Jakub" }, { "Łukasz" }, { "Grzegorz" }, { "Mateusz" },
  { "Wojciech" }, { "Bartłomiej" }, { "Kamil" }, { "Szymon" },
};
static const DemoName demo_polish_female[] = {
  { "Anna" }, { "Maria" }, { "Katarzyna" }, { "Małgorzata" }, { "Agnieszka" },
  { "Barbara" }, { "Ewa" }, { "Magdalena" }, { "Joanna" }, { "Aleksandra" },
  { "Zofia" }, { "Monika" }, { "Dorota" }, { "Bożena" }, { "Żaneta" },
};
static const DemoName demo_polish_last[] = {
  { "Nowak" }, { "Kowalski", NULL, "Kowalska" }, { "Wiśniewski", NULL, "Wiśniewska" },
  { "Wójcik" }, { "Kowalczyk" }, { "Kamiński", NULL, "Kamińska" },
  { "Lewandowski", NULL, "Lewandowska" }, { "Zieliński", NULL, "Zielińska" },
  { "Szymański", NULL, "Szymańska" }, { "Woźniak" }, { "Dąbrowski", NULL, "Dąbrowska" },
  { "Kozłowski", NULL, "Kozłowska" }, { "Jankowski", NULL, "Jankowska" }, { "Mazur" },
  { "Kwiatkowski", NULL, "Kwiatkowska" }, { "Krawczyk" }, { "Piotrowski", NULL, "Piotrowska" },
  { "Grabowski", NULL, "Grabowska" }, { "Pawłowski", NULL, "Pawłowska" },
  { "Michalski", NULL, "Michalska" }, { "Król" }, { "Wieczorek" },
  { "Jabłoński", NULL, "Jabłońska" }, { "Świątek" }, { "Żak" }, { "Ślusarczyk" },
};
static const char *const demo_polish_titles[] = {
  "Dyrektor handlowy", "Kierownik projektu", "Specjalista ds. marketingu",
  "Księgowa", "Kierowniczka zakupów",
};
static const DemoCountryWeight demo_polish_countries[] = {
  { DEMO_PL, 92 }, { DEMO_DE, 5 }, { DEMO_GB, 3 },
};

static const DemoName demo_turkish_male[] = {
  { "Mehmet" }, { "Mustafa" }, { "Ahmet" }, { "Ali" }, { "Hüseyin" }, { "Hasan" },
  { "İbrahim" }, { "İsmail" }, { "Osman" }, { "Yusuf" }, { "Murat" }, { "Ömer" },
  { "Emre" }, { "Burak" }, { "Çağlar" },
};
static const DemoName demo_turkish_female[] = {
  { "Ayşe" }, { "Fatma" }, { "Emine" }, { "Hatice" }, { "Zeynep" }, { "Elif" },
  { "Meryem" }, { "Şerife" }, { "Sultan" }, { "Hülya" }, { "Özlem" }, { "Gülşen" },
  { "Esra" }, { "Büşra" }, { "Derya" },
};
static const DemoName demo_turkish_last[] = {
  { "Yılmaz" }, { "Kaya" }, { "Demir" }, { "Şahin" }, { "Çelik" }, { "Yıldız" },
  { "Yıldırım" }, { "Öztürk" }, { "Aydın" }, { "Özdemir" }, { "Arslan" }, { "Doğan" },
  { "Kılıç" }, { "Aslan" }, { "Çetin" }, { "Kara" }, { "Koç" }, { "Kurt" },
  { "Özkan" }, { "Şimşek" }, { "Polat" }, { "Korkmaz" }, { "Güneş" }, { "Aksoy" },
};
static const char *const demo_turkish_titles[] = {
  "Genel Müdür", "Pazarlama Müdürü", "Satış Temsilcisi", "Satın Alma Uzmanı",
};
static const DemoCountryWeight demo_turkish_countries[] = {
  { DEMO_TR, 80 }, { DEMO_DE, 16 }, { DEMO_NL, 4 },
};

static const DemoName demo_swedish_male[] = {
  { "Lars" }, { "Anders" }, { "Erik" }, { "Johan" }, { "Magnus" }, { "Nils" },
  { "Björn" }, { "Håkan" }, { "Mikael" }, { "Oskar" }, { "Henrik" }, { "Åke" },
};
static const DemoName demo_swedish_female[] = {
  { "Anna" }, { "Eva" }, { "Karin" }, { "Ingrid" }, { "Astrid" }, { "Maja" },
  { "Elsa" }, { "Åsa" }, { "Britt" }, { "Linnéa" }, { "Märta" }, { "Sigrid" },
};
static const DemoName demo_swedish_last[] = {
  { "Andersson" }, { "Johansson" }, { "Karlsson" }, { "Nilsson" }, { "Eriksson" },
  { "Larsson" }, { "Olsson" }, { "Persson" }, { "Svensson" }, { "Gustafsson" },
  { "Lindström" }, { "Lindqvist" }, { "Åberg" }, { "Sjöberg" }, { "Ström" },
  { "Bergström" }, { "Ekström" }, { "Lundgren" }, { "Holmberg" }, { "Söderberg" },
};
static const char *const demo_swedish_titles[] = {
  "VD", "Marknadschef", "Inköpschef", "Säljare", "Projektledare",
};
static const DemoCountryWeight demo_swedish_countries[] = {
  { DEMO_SE, 100 },
};

static const DemoName demo_nordic_male[] = {
  { "Øyvind" }, { "Søren" }, { "Jørgen" }, { "Lars" }, { "Bjørn" }, { "Kjetil" },
  { "Morten" }, { "Rasmus" }, { "Mads" }, { "Frederik" }, { "Ole" }, { "Torbjørn" },
};
static const DemoName demo_nordic_female[] = {
  { "Kjersti" }, { "Ragnhild" }, { "Mette" }, { "Sølvi" }, { "Ingrid" }, { "Signe" },
  { "Freja" }, { "Ida" }, { "Nora" }, { "Astrid" }, { "Marit" }, { "Åse" },
};
static const DemoName demo_nordic_last[] = {
  { "Hansen" }, { "Johansen" }, { "Olsen" }, { "Larsen" }, { "Andersen" },
  { "Pedersen" }, { "Nielsen" }, { "Jørgensen" }, { "Sørensen" }, { "Bråten" },
  { "Kjærgaard" }, { "Østergaard" }, { "Dahl" }, { "Berg" }, { "Haugen" },
  { "Ødegård" }, { "Løvås" }, { "Thomsen" }, { "Madsen" }, { "Solberg" },
};
static const char *const demo_nordic_titles[] = {
  "Daglig leder", "Markedssjef", "Salgschef", "Administrerende direktør", "Indkøber",
};
static const DemoCountryWeight demo_nordic_countries[] = {
  { DEMO_NO, 50 }, { DEMO_DK, 50 },
};

static const DemoName demo_greek_male[] = {
  { "Georgios", "Γεώργιος" }, { "Dimitrios", "Δημήτριος" },
  { "Konstantinos", "Κωνσταντίνος" }, { "Ioannis", "Ιωάννης" },
  { "Nikolaos", "Νικόλαος" }, { "Panagiotis", "Παναγιώτης" },
  { "Christos", "Χρήστος" }, { "Vasileios", "Βασίλειος" },
  { "Athanasios", "Αθανάσιος" }, { "Michail", "Μιχαήλ" },
};
static const DemoName demo_greek_female[] = {
  { "Eleni", "Ελένη" }, { "Maria", "Μαρία" }, { "Aikaterini", "Αικατερίνη" },
  { "Sofia", "Σοφία" }, { "Dimitra", "Δήμητρα" }, { "Georgia", "Γεωργία" },
  { "Anastasia", "Αναστασία" }, { "Ioanna", "Ιωάννα" }, { "Despoina", "Δέσποινα" },
  { "Vasiliki", "Βασιλική" },
};
static const DemoName demo_greek_last[] = {
  { "Papadopoulos", "Παπαδόπουλος", "Papadopoulou", "Παπαδοπούλου" },
  { "Papadakis", "Παπαδάκης", "Papadaki", "Παπαδάκη" },
  { "Georgiou", "Γεωργίου" },
  { "Nikolaidis", "Νικολαΐδης", "Nikolaidou", "Νικολαΐδου" },
  { "Pappas", "Παππάς", "Pappa", "Παππά" },
  { "Karagiannis", "Καραγιάννης", "Karagianni", "Καραγιάννη" },
  { "Vlachos", "Βλάχος", "Vlachou", "Βλάχου" },
  { "Oikonomou", "Οικονόμου" },
  { "Makris", "Μακρής", "Makri", "Μακρή" },
  { "Dimitriou", "Δημητρίου" },
  { "Christodoulou", "Χριστοδούλου" },
  { "Antoniou", "Αντωνίου" },
  { "Ioannou", "Ιωάννου" },
  { "Angelopoulos", "Αγγελόπουλος", "Angelopoulou", "Αγγελοπούλου" },
  { "Theodorou", "Θεοδώρου" },
};
static const DemoCountryWeight demo_greek_countries[] = {
  { DEMO_GR, 90 }, { DEMO_DE, 5 }, { DEMO_GB, 5 },
};

static const DemoName demo_japanese_male[] = {
  { "Haruto", "陽翔" }, { "Yuto", "悠斗" }, { "Sota", "蒼太" }, { "Ren", "蓮" },
  { "Hiroshi", "浩" }, { "Takashi", "隆" }, { "Kenji", "健二" }, { "Daiki", "大輝" },
  { "Shota", "翔太" }, { "Takumi", "拓海" }, { "Kaito", "海斗" }, { "Yūki", "勇気" },
};
static const DemoName demo_japanese_female[] = {
  { "Yuki", "ゆき" }, { "Sakura", "さくら" }, { "Hana", "花" }, { "Aoi", "葵" },
  { "Yui", "結衣" }, { "Mei", "めい" }, { "Haruka", "遥" }, { "Akiko", "明子" },
  { "Yōko", "洋子" }, { "Keiko", "恵子" }, { "Misaki", "美咲" }, { "Kaori", "かおり" },
};
static const DemoName demo_japanese_last[] = {
  { "Satō", "佐藤" }, { "Suzuki", "鈴木" }, { "Takahashi", "高橋" }, { "Tanaka", "田中" },
  { "Watanabe", "渡辺" }, { "Itō", "伊藤" }, { "Yamamoto", "山本" },
  { "Nakamura", "中村" }, { "Kobayashi", "小林" }, { "Katō", "加藤" },
  { "Yoshida", "吉田" }, { "Yamada", "山田" }, { "Sasaki", "佐々木" },
  { "Matsumoto", "松本" }, { "Inoue", "井上" }, { "Kimura", "木村" },
  { "Hayashi", "林" }, { "Shimizu", "清水" }, { "Ōta", "太田" }, { "Kōno", "河野" },
};
static const char *const demo_japanese_titles[] = {
  "営業部長", "マーケティング担当", "代表取締役", "Sales Manager, APAC",
};
static const DemoCountryWeight demo_japanese_countries[] = {
  { DEMO_JP, 92 }, { DEMO_US, 5 }, { DEMO_DE, 3 },
};

static const DemoName demo_chinese_male[] = {
  { "Wei", "伟" }, { "Qiang", "强" }, { "Lei", "磊" }, { "Jun", "军" },
  { "Yong", "勇" }, { "Jie", "杰" }, { "Tao", "涛" }, { "Ming", "明" },
  { "Hao", "浩" }, { "Yu", "宇" }, { "Haoran", "浩然" }, { "Jiahao", "家豪" },
};
static const DemoName demo_chinese_female[] = {
  { "Fang", "芳" }, { "Na", "娜" }, { "Min", "敏" }, { "Jing", "静" },
  { "Yan", "艳" }, { "Juan", "娟" }, { "Xia", "霞" }, { "Hui", "慧" },
  { "Xiuying", "秀英" }, { "Zihan", "子涵" }, { "Yutong", "雨桐" }, { "Xinyi", "欣怡" },
};
static const DemoName demo_chinese_last[] = {
  { "Wang", "王" }, { "Li", "李" }, { "Zhang", "张" }, { "Liu", "刘" },
  { "Chen", "陈" }, { "Yang", "杨" }, { "Huang", "黄" }, { "Zhao", "赵" },
  { "Wu", "吴" }, { "Zhou", "周" }, { "Xu", "徐" }, { "Sun", "孙" }, { "Ma", "马" },
  { "Zhu", "朱" }, { "Hu", "胡" }, { "Guo", "郭" }, { "He", "何" }, { "Lin", "林" },
  { "Gao", "高" }, { "Luo", "罗" },
};
static const DemoCountryWeight demo_chinese_countries[] = {
  { DEMO_CN, 76 }, { DEMO_SG, 10 }, { DEMO_US, 8 }, { DEMO_CA, 3 }, { DEMO_AU, 3 },
};

static const DemoName demo_indian_male[] = {
  { "Aarav", "आरव" }, { "Vihaan", "विहान" }, { "Arjun", "अर्जुन" }, { "Rohan", "रोहन" },
  { "Rahul", "राहुल" }, { "Amit", "अमित" }, { "Vikram", "विक्रम" }, { "Sanjay", "संजय" },
  { "Rajesh", "राजेश" }, { "Deepak", "दीपक" }, { "Karan", "करण" }, { "Aditya", "आदित्य" },
};
static const DemoName demo_indian_female[] = {
  { "Priya", "प्रिया" }, { "Ananya", "अनन्या" }, { "Kavya", "काव्या" }, { "Pooja", "पूजा" },
  { "Neha", "नेहा" }, { "Sunita", "सुनीता" }, { "Anjali", "अंजलि" }, { "Divya", "दिव्या" },
  { "Meera", "मीरा" }, { "Lakshmi", "लक्ष्मी" }, { "Shreya", "श्रेया" }, { "Nisha", "निशा" },
};
static const DemoName demo_indian_last[] = {
  { "Sharma", "शर्मा" }, { "Verma", "वर्मा" }, { "Gupta", "गुप्ता" }, { "Singh", "सिंह" },
  { "Kumar", "कुमार" }, { "Patel", "पटेल" }, { "Reddy", "रेड्डी" }, { "Iyer", "अय्यर" },
  { "Nair", "नायर" }, { "Joshi", "जोशी" }, { "Mehta", "मेहता" }, { "Kapoor", "कपूर" },
  { "Agarwal", "अग्रवाल" }, { "Desai", "देसाई" }, { "Rao", "राव" }, { "Mishra", "मिश्रा" },
  { "Yadav", "यादव" }, { "Banerjee", "बनर्जी" }, { "Das", "दास" }, { "Menon", "मेनन" },
};
static const DemoCountryWeight demo_indian_countries[] = {
  { DEMO_IN, 82 }, { DEMO_GB, 6 }, { DEMO_US, 6 }, { DEMO_AE, 3 }, { DEMO_SG, 3 },
};

static const DemoName demo_arabic_male[] = {
  { "Mohammed", "محمد" }, { "Ahmed", "أحمد" }, { "Ali", "علي" }, { "Omar", "عمر" },
  { "Youssef", "يوسف" }, { "Khaled", "خالد" }, { "Hassan", "حسن" }, { "Ibrahim", "إبراهيم" },
  { "Mahmoud", "محمود" }, { "Karim", "كريم" }, { "Tarek", "طارق" }, { "Samir", "سمير" },
};
static const DemoName demo_arabic_female[] = {
  { "Fatima", "فاطمة" }, { "Aisha", "عائشة" }, { "Maryam", "مريم" }, { "Layla", "ليلى" },
  { "Nour", "نور" }, { "Salma", "سلمى" }, { "Yasmin", "ياسمين" }, { "Huda", "هدى" },
  { "Amira", "أميرة" }, { "Rania", "رانيا" }, { "Zainab", "زينب" }, { "Samira", "سميرة" },
};
static const DemoName demo_arabic_last[] = {
  { "Haddad", "حداد" }, { "Khoury", "خوري" }, { "Mansour", "منصور" }, { "Nasser", "ناصر" },
  { "Saleh", "صالح" }, { "Hamdan", "حمدان" }, { "Aziz", "عزيز" }, { "Farouk", "فاروق" },
  { "Abdullah", "عبدالله" }, { "Hussein", "حسين" }, { "Kassem", "قاسم" },
  { "Al-Masri", "المصري" }, { "Darwish", "درويش" }, { "Suleiman", "سليمان" },
  { "Othman", "عثمان" }, { "Hakim", "حكيم" }, { "Jaber", "جابر" }, { "Taha", "طه" },
};
static const DemoCountryWeight demo_arabic_countries[] = {
  { DEMO_AE, 28 }, { DEMO_EG, 26 }, { DEMO_SA, 22 }, { DEMO_MA, 12 }, { DEMO_FR, 6 },
  { DEMO_DE, 6 },
};

static const DemoName demo_swahili_male[] = {
  { "Juma" }, { "Baraka" }, { "Jabari" }, { "Amani" }, { "Bakari" }, { "Hamisi" },
  { "Omari" }, { "Salim" }, { "Tumaini" }, { "Faraji" }, { "Daudi" }, { "Kibwana" },
};
static const DemoName demo_swahili_female[] = {
  { "Amina" }, { "Zawadi" }, { "Neema" }, { "Imani" }, { "Rehema" }, { "Halima" },
  { "Zuhura" }, { "Subira" }, { "Upendo" }, { "Furaha" }, { "Asha" }, { "Pendo" },
};
static const DemoName demo_swahili_last[] = {
  { "Mwangi" }, { "Otieno" }, { "Kamau" }, { "Wanjiru" }, { "Njoroge" }, { "Ochieng" },
  { "Kariuki" }, { "Mutua" }, { "Kimani" }, { "Odhiambo" }, { "Msuya" }, { "Mollel" },
  { "Massawe" }, { "Kimaro" }, { "Swai" }, { "Lyimo" }, { "Mushi" }, { "Mrema" },
};
static const DemoCountryWeight demo_swahili_countries[] = {
  { DEMO_KE, 55 }, { DEMO_TZ, 40 }, { DEMO_GB, 5 },
};

#define DEMO_CULTURE(c, titles, weight, native, umlauts) \
  { DEMO_LIST (demo_##c##_male), DEMO_LIST (demo_##c##_female), DEMO_LIST (demo_##c##_last), \
    DEMO_LIST (demo_##c##_countries), titles, weight, native, umlauts }
#define DEMO_TITLES(c) DEMO_LIST (demo_##c##_titles)
#define DEMO_NO_TITLES NULL, 0

static const DemoCulture demo_cultures[] = {
  DEMO_CULTURE (german, DEMO_TITLES (german), 22, 0, TRUE),
  DEMO_CULTURE (english, DEMO_NO_TITLES, 18, 0, FALSE),
  DEMO_CULTURE (french, DEMO_TITLES (french), 8, 0, FALSE),
  DEMO_CULTURE (spanish, DEMO_TITLES (spanish), 7, 0, FALSE),
  DEMO_CULTURE (portuguese, DEMO_TITLES (portuguese), 4, 0, FALSE),
  DEMO_CULTURE (italian, DEMO_TITLES (italian), 5, 0, FALSE),
  DEMO_CULTURE (dutch, DEMO_TITLES (dutch), 4, 0, FALSE),
  DEMO_CULTURE (czech, DEMO_TITLES (czech), 4, 0, FALSE),
  DEMO_CULTURE (polish, DEMO_TITLES (polish), 4, 0, FALSE),
  DEMO_CULTURE (turkish, DEMO_TITLES (turkish), 3, 0, FALSE),
  DEMO_CULTURE (swedish, DEMO_TITLES (swedish), 2, 0, FALSE),
  DEMO_CULTURE (nordic, DEMO_TITLES (nordic), 2, 0, FALSE),
  DEMO_CULTURE (greek, DEMO_NO_TITLES, 2, 40, FALSE),
  DEMO_CULTURE (japanese, DEMO_TITLES (japanese), 4, 35, FALSE),
  DEMO_CULTURE (chinese, DEMO_NO_TITLES, 3, 45, FALSE),
  DEMO_CULTURE (indian, DEMO_NO_TITLES, 4, 20, FALSE),
  DEMO_CULTURE (arabic, DEMO_NO_TITLES, 3, 35, FALSE),
  DEMO_CULTURE (swahili, DEMO_NO_TITLES, 2, 0, FALSE),
};

#undef DEMO_TITLES
#undef DEMO_NO_TITLES
#undef DEMO_CULTURE

/* ---- jobs, companies, tags, custom fields, activities ------------------ */

static const char *const demo_job_titles[] = {
  "Marketing Manager", "Head of Marketing", "Chief Marketing Officer", "CEO",
  "Chief Technology Officer", "Sales Director", "Account Executive",
  "Software Engineer", "Product Manager", "Data Analyst", "Purchasing Manager",
  "Office Manager", "HR Business Partner", "Customer Success Manager",
  "Operations Manager", "Project Manager", "Consultant", "Financial Controller",
  "Procurement Specialist", "Content Marketing Specialist", "Event Manager",
  "Business Development Manager", "Managing Director", "Head of IT",
  "IT Administrator", "Logistics Coordinator", "Research Scientist",
  "UX Designer", "Social Media Manager", "Brand Manager", "Key Account Manager",
  "Founder", "Owner", "Student", "Freelancer", "Growth Marketer",
  "Chief Revenue Officer", "Partner Manager", "Executive Assistant",
};

/* Company names: "<prefix> <sector> <legal form>", the prefix sometimes a
 * family name of the country instead. */
static const char *const demo_company_prefixes[] = {
  "Nordwind", "Alpen", "Atlas", "Polaris", "Aurora", "Helios", "Vega", "Orion",
  "Zenit", "Lumen", "Nova", "Terra", "Aqua", "Silva", "Baltic", "Rhein", "Donau",
  "Elbe", "Vltava", "Helvetia", "Iberia", "Adria", "Fjord", "Sakura", "Kilima",
  "Sahara", "Cedar", "Maple", "Oak Ridge", "Blue Harbor", "Red Rock", "Silver Lake",
  "Green Valley", "Summit", "Pioneer", "Horizon", "Meridian", "Vertex", "Quantum",
  "Apex", "Nexus", "Vector", "Kronos", "Argo", "Delta", "Sigma", "Omega", "Falke",
  "Adler", "Greif", "Löwen", "Bergblick", "Sonnenhof", "Eichenwald", "Lindenhof",
  "Seeblick", "Grünwald", "Weißenfels", "Mont Blanc", "Bellevue", "Rivage",
  "Boréal", "Soleil", "Mar Azul", "Costa Brava", "Stella", "Aurelia", "Vesuvio",
  "Tulp", "Dijkzicht", "Vinland", "Nordlys", "Åland", "Kraken", "Wawel", "Tatra",
  "Bosporus", "Anatolia", "Lotus", "Jade", "Phoenix", "Kestrel", "Granite",
  "Ember", "Čeřovka", "Śnieżka", "Ølstykke", "Smaragd",
};

static const char *const demo_company_qualifiers[] = {
  "Nord", "Süd", "International", "Group", "Holding", "Services", "Solutions",
  "Partners", "Europe", "Digital",
};

static const DemoSector demo_sectors[] = {
  { "Logistics", { "Logistics", "Logistik", "Logistique", "Logística", "Logistica",
                   "Logistiek", "Logística", "Logistika", "Logistyka", "Logistik",
                   "Logistikk", "Lojistik" } },
  { "Software", { "Software", "Software", "Logiciels", "Software", "Software",
                  "Software", "Software", "Software", "Software", "Mjukvara",
                  "Programvare", "Yazılım" } },
  { "Manufacturing", { "Manufacturing", "Maschinenbau", "Industrie", "Industrial",
                       "Meccanica", "Machinebouw", "Indústria", "Strojírny", "Maszyny",
                       "Verkstad", "Mekaniske", "Makina" } },
  { "Healthcare", { "Health", "Medizintechnik", "Santé", "Salud", "Sanità", "Zorg",
                    "Saúde", "Zdravotnictví", "Medycyna", "Vård", "Helse", "Sağlık" } },
  { "Financial Services", { "Capital", "Finanz", "Finance", "Finanzas", "Finanza",
                            "Financiën", "Finanças", "Finance", "Finanse", "Finans",
                            "Finans", "Finans" } },
  { "Retail", { "Retail", "Handel", "Distribution", "Comercial", "Commercio", "Handel",
                "Comércio", "Obchod", "Handel", "Handel", "Handel", "Ticaret" } },
  { "Energy", { "Energy", "Energie", "Énergie", "Energía", "Energia", "Energie",
                "Energia", "Energie", "Energia", "Energi", "Energi", "Enerji" } },
  { "Construction", { "Construction", "Bau", "Bâtiment", "Construcciones", "Costruzioni",
                      "Bouw", "Construções", "Stavby", "Budownictwo", "Bygg", "Bygg",
                      "İnşaat" } },
  { "Consulting", { "Consulting", "Beratung", "Conseil", "Consultores", "Consulenza",
                    "Advies", "Consultoria", "Poradenství", "Doradztwo", "Konsult",
                    "Rådgivning", "Danışmanlık" } },
  { "Education", { "Learning", "Bildung", "Formation", "Formación", "Formazione",
                   "Opleidingen", "Educação", "Vzdělávání", "Edukacja", "Utbildning",
                   "Utdanning", "Eğitim" } },
  { "Hospitality", { "Hotels", "Hotellerie", "Hôtellerie", "Hoteles", "Hotel", "Hotels",
                     "Hotelaria", "Hotely", "Hotele", "Hotell", "Hotell", "Otelcilik" } },
  { "Media", { "Media", "Medien", "Médias", "Medios", "Media", "Media", "Mídia", "Média",
               "Media", "Media", "Medier", "Medya" } },
  { "Automotive", { "Automotive", "Fahrzeugtechnik", "Automobile", "Automoción",
                    "Automotive", "Automotive", "Automotiva", "Automotive", "Motoryzacja",
                    "Fordon", "Bil", "Otomotiv" } },
  { "Telecommunications", { "Telecom", "Telekom", "Télécom", "Telecomunicaciones",
                            "Telecomunicazioni", "Telecom", "Telecom", "Telekomunikace",
                            "Telekomunikacja", "Telekom", "Telekom", "Telekom" } },
  { "Food & Beverage", { "Foods", "Lebensmittel", "Alimentaire", "Alimentación",
                         "Alimentari", "Voeding", "Alimentos", "Potraviny", "Żywność",
                         "Livsmedel", "Mat", "Gıda" } },
  { "Pharmaceuticals", { "Pharma", "Pharma", "Pharma", "Farma", "Farmaceutici", "Pharma",
                         "Farmacêutica", "Farmacie", "Farmacja", "Läkemedel", "Farma",
                         "İlaç" } },
};

/* Romance languages put the trade first: "Logística Iberia S.L.". */
static const gboolean demo_lang_sector_first[DEMO_N_LANGS] = {
  [DEMO_LANG_FR] = TRUE, [DEMO_LANG_ES] = TRUE, [DEMO_LANG_IT] = TRUE, [DEMO_LANG_PT] = TRUE,
};

typedef struct
{
  const char *name;
  guint       percent;
} DemoTag;

/* Independent of the lifecycle tags (lead, customer, churn-risk), which
 * cohort-demo.c assigns together because they exclude each other. */
static const DemoTag demo_interest_tags[] = {
  { "newsletter", 35 }, { "webinar", 15 }, { "trade-show", 10 }, { "partner", 4 },
};

typedef struct
{
  const char *value;
  guint       weight;
} DemoWeightedText;

static const DemoWeightedText demo_sources[] = {
  { "website", 30 }, { "linkedin", 18 }, { "trade-show", 12 }, { "referral", 10 },
  { "webinar", 9 }, { "google-ads", 9 }, { "partner", 5 }, { "cold-call", 4 },
  { "newsletter", 3 },
};

static const char *const demo_products[] = {
  "Starter plan", "Professional plan", "Enterprise plan", "Extra seats",
  "Training workshop", "Premium support", "Data cleaning service",
  "Consulting day", "Mobile app add-on",
};

static const char *const demo_page_paths[] = {
  "/", "/pricing", "/features", "/features/segmentation", "/features/scoring",
  "/blog/what-is-a-contact-group", "/blog/gdpr-checklist",
  "/blog/dynamic-vs-static-segments", "/blog/lead-scoring-basics",
  "/docs/getting-started", "/docs/import-csv", "/customers/nordwind-logistik",
  "/webinars", "/events/trade-show-2026", "/contact", "/careers", "/about",
  "/de/preise", "/fr/tarifs", "/es/precios", "/downloads/whitepaper-lead-scoring.pdf",
  "/integrations", "/security", "/case-studies", "/compare/spreadsheets", "/demo",
  "/partners",
};

static const char *const demo_forms[] = {
  "Contact us", "Newsletter sign-up", "Webinar registration: Segmentation 101",
  "Webinar registration: Lead scoring in practice",
  "Whitepaper download: GDPR for marketers", "Demo request",
  "Trade show badge scan", "Free trial sign-up", "Partner application",
  "Customer survey", "Event registration: Roadshow München",
};

static const char *const demo_campaigns[] = {
  "Monthly newsletter", "Spring launch", "Webinar invitation: Segmentation 101",
  "Black Friday offer", "Product update 3.0", "Customer survey",
  "Trade show follow-up", "Re-engagement: We miss you", "Onboarding day 1",
  "Onboarding day 7", "Summer sale", "Year in review", "Event invitation: Roadshow",
  "Case study: Nordwind Logistik",
};

/* Activity types with their weights for an ordinary contact and for one
 * who reads and clicks a lot (the "engaged" example group finds those). */
typedef struct
{
  const char        *type;
  guint              weight;
  guint              engaged_weight;
  const char *const *details;
  guint              n_details;
} DemoActivityType;

/* Page visits first: contacts without an e-mail address get those instead
 * of mail activities. */
static const DemoActivityType demo_activity_types[] = {
  { "page_visit", 38, 20, DEMO_LIST (demo_page_paths) },
  { "email_open", 27, 33, DEMO_LIST (demo_campaigns) },
  { "email_click", 14, 37, DEMO_LIST (demo_campaigns) },
  { "form_submission", 13, 7, DEMO_LIST (demo_forms) },
  { "purchase", 8, 3, DEMO_LIST (demo_products) },
};

/* ---- example groups ------------------------------------------------------ */

typedef struct
{
  const char *code;
  const char *name;
  const char *description;
  const char *color;
  const char *condition;    /* SPEC JSON; NULL for a static group */
  const char *members_sql;  /* static: its manual members among contacts with id ≥ ?1 */
  guint       n_accounts;   /* static: how many of the new accounts it gets */
} DemoGroup;

/* Sample data, like the names: the same in every language. */
static const DemoGroup demo_groups[] = {
  { "newsletter", "Newsletter subscribers", "Contacts tagged newsletter, added by hand",
    "#3584e4", NULL,
    "SELECT contact_id FROM contact_tags WHERE tag_fold = 'newsletter' AND contact_id >= ?1"
    " ORDER BY contact_id", 0 },
  { "trade-show-2026", "Trade show 2026",
    "Visitors met at the stand, and everyone at two partner companies", "#c061cb", NULL,
    "SELECT t.contact_id FROM contact_tags t"
    " JOIN contact_fields f ON f.contact_id = t.contact_id AND f.key = 'source'"
    " WHERE t.tag_fold = 'trade-show' AND f.value_fold = 'trade-show' AND t.contact_id >= ?1"
    " ORDER BY t.contact_id", 2 },
  { "dach-vip", "DACH VIPs", "VIP contacts in Germany, Austria and Switzerland", "#e66100",
    "{\"combinator\": \"and\", \"rules\": ["
    "{\"field\": \"country\", \"operator\": \"in\", \"value\": [\"DE\", \"AT\", \"CH\"]},"
    "{\"field\": \"tag\", \"operator\": \"=\", \"value\": \"vip\"}]}", NULL, 0 },
  { "inactive-year", "Inactive for a year", "No activity of any kind in the last 365 days",
    "#77767b",
    "{\"combinator\": \"and\", \"rules\": ["
    "{\"field\": \"activity\", \"operator\": \"none\","
    " \"value\": {\"type\": \"*\", \"days\": 365}}]}", NULL, 0 },
  { "engaged", "Engaged readers", "At least three e-mail clicks in the last 90 days",
    "#2ec27e",
    "{\"combinator\": \"and\", \"rules\": ["
    "{\"field\": \"activity\", \"operator\": \"atLeast\","
    " \"value\": {\"type\": \"email_click\", \"count\": 3, \"days\": 90}}]}", NULL, 0 },
};

typedef struct
{
  const char *status;
  guint       weight;           /* contacts with an e-mail address */
  guint       weight_no_email;  /* nobody can unsubscribe or bounce without one */
} DemoStatus;

static const DemoStatus demo_statuses[] = {
  { "active", 84, 90 }, { "inactive", 7, 10 }, { "unsubscribed", 5, 0 }, { "bounced", 4, 0 },
};

/* Company sizes from 1 to 50,000 employees, most of them small. */
typedef struct
{
  guint  weight;
  guint  low;
  guint  high;
} DemoSizeBucket;

static const DemoSizeBucket demo_company_sizes[] = {
  { 25, 1, 9 }, { 25, 10, 49 }, { 22, 50, 249 }, { 15, 250, 999 }, { 9, 1000, 4999 },
  { 4, 5000, 50000 },
};

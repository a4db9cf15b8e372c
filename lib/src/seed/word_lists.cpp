// The word lists behind first_name, last_name, street, city, country, company, url and the
// lorem generators. Plain ASCII, so that lengths in bytes and characters agree.
#include "seed/word_lists.hpp"

namespace retort::detail::words {
namespace {

constexpr std::string_view kFirst[] = {
    "James",  "Mary",    "John",    "Patricia", "Robert", "Jennifer", "Michael", "Linda",
    "David",  "Barbara", "William", "Susan",    "Joseph", "Jessica",  "Thomas",  "Sarah",
    "Carlos", "Karen",   "Daniel",  "Lisa",     "Ahmed",  "Nancy",    "Mark",    "Sandra",
    "Paul",   "Ashley",  "Steven",  "Emily",    "Kenji",  "Donna",    "Andrew",  "Michelle",
    "Joshua", "Carol",   "Kevin",   "Amanda",   "Brian",  "Melissa",  "Omar",    "Deborah",
    "Lukas",  "Sofia",   "Mateo",   "Amara",    "Ivan",   "Priya",    "Noah",    "Elena",
    "Liam",   "Chloe",   "Felix",   "Hana",     "Oscar",  "Ingrid",   "Raj",     "Yuki",
    "Nina",   "Miles",   "Ella",    "Louis",    "Aretha", "Ray",      "Billie",  "Otis"};
constexpr std::string_view kLast[] = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",    "Garcia",   "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson",   "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",      "Perez",    "Thompson", "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",    "Robinson", "Walker",   "Young",
    "Allen",     "King",     "Wright",    "Scott",   "Torres",   "Nguyen",   "Hill",     "Flores",
    "Green",     "Adams",    "Nelson",    "Baker",   "Hall",     "Rivera",   "Campbell", "Mitchell",
    "Muller",    "Schmidt",  "Rossi",     "Dubois",  "Tanaka",   "Kowalski", "Novak",    "Jensen",
    "Silva",     "Costa",    "Petrov",    "Kim",     "Singh",    "Okafor",   "Larsen",   "Moreau"};
constexpr std::string_view kStreet[] = {
    "Main",   "Oak",    "Pine",   "Maple",    "Cedar",  "Elm",     "Washington", "Lake",
    "Hill",   "Park",   "River",  "Church",   "Mill",   "Spring",  "Sunset",     "Highland",
    "Forest", "Meadow", "Willow", "Station",  "Harbor", "Bridge",  "King",       "Queen",
    "Market", "School", "Garden", "Chestnut", "Walnut", "Lincoln", "Jackson",    "Union"};
constexpr std::string_view kStreetKind[] = {"Street", "Avenue", "Road",  "Lane",
                                            "Drive",  "Way",    "Court", "Place"};
constexpr std::string_view kCity[] = {
    "Springfield", "Riverton", "Lakeside",   "Fairview",   "Georgetown", "Madison", "Franklin",
    "Clinton",     "Salem",    "Bristol",    "Arlington",  "Oxford",     "Dover",   "Ashland",
    "Milford",     "Newport",  "Burlington", "Greenville", "Kingston",   "Lisbon",  "Porto",
    "Lyon",        "Bremen",   "Graz",       "Turku",      "Bergen",     "Krakow",  "Brno",
    "Osaka",       "Pune",     "Cordoba",    "Quito",      "Perth",      "Halifax", "Tampere",
    "Ghent",       "Utrecht",  "Aarhus",     "Bilbao",     "Split"};
constexpr std::string_view kCountry[] = {
    "Argentina", "Australia", "Austria",     "Belgium",        "Brazil",        "Canada",
    "Chile",     "Czechia",   "Denmark",     "Egypt",          "Finland",       "France",
    "Germany",   "Ghana",     "Greece",      "India",          "Ireland",       "Italy",
    "Japan",     "Kenya",     "Mexico",      "Netherlands",    "Norway",        "Peru",
    "Poland",    "Portugal",  "South Korea", "Spain",          "Sweden",        "Switzerland",
    "Turkey",    "Ukraine",   "Uruguay",     "United Kingdom", "United States", "Vietnam"};
constexpr std::string_view kCompanyWord[] = {
    "Acme",    "Globex",    "Initech", "Umbrella", "Stark",    "Wayne",     "Hooli",   "Vandelay",
    "Soylent", "Cyberdyne", "Tyrell",  "Wonka",    "Aperture", "Gringotts", "Oceanic", "Nakatomi",
    "Blue",    "North",     "Silver",  "Summit",   "Bright",   "Pioneer",   "Vertex",  "Harbor"};
constexpr std::string_view kCompanySuffix[] = {"Inc",     "LLC",  "Ltd",      "Group",
                                               "Systems", "Labs", "Partners", "Holdings"};
constexpr std::string_view kDomain[] = {"example.com", "example.org", "example.net",
                                        "mail.test",   "corp.test",   "demo.invalid"};
constexpr std::string_view kLoremWords[] = {"lorem",      "ipsum",        "dolor",
                                            "sit",        "amet",         "consectetur",
                                            "adipiscing", "elit",         "sed",
                                            "do",         "eiusmod",      "tempor",
                                            "incididunt", "ut",           "labore",
                                            "et",         "dolore",       "magna",
                                            "aliqua",     "enim",         "ad",
                                            "minim",      "veniam",       "quis",
                                            "nostrud",    "exercitation", "ullamco",
                                            "laboris",    "nisi",         "aliquip",
                                            "ex",         "ea",           "commodo",
                                            "consequat",  "duis",         "aute",
                                            "irure",      "in",           "reprehenderit",
                                            "voluptate",  "velit",        "esse",
                                            "cillum",     "fugiat",       "nulla",
                                            "pariatur",   "excepteur",    "sint",
                                            "occaecat",   "cupidatat",    "non",
                                            "proident",   "sunt",         "culpa",
                                            "qui",        "officia",      "deserunt",
                                            "mollit",     "anim",         "id",
                                            "est",        "laborum",      "porta",
                                            "felis"};

}  // namespace

const std::span<const std::string_view> kFirstNames{kFirst};
const std::span<const std::string_view> kLastNames{kLast};
const std::span<const std::string_view> kStreets{kStreet};
const std::span<const std::string_view> kStreetKinds{kStreetKind};
const std::span<const std::string_view> kCities{kCity};
const std::span<const std::string_view> kCountries{kCountry};
const std::span<const std::string_view> kCompanyWords{kCompanyWord};
const std::span<const std::string_view> kCompanySuffixes{kCompanySuffix};
const std::span<const std::string_view> kDomains{kDomain};
const std::span<const std::string_view> kLorem{kLoremWords};

}  // namespace retort::detail::words

// The seed.yaml spellings of the generator kinds.
#include <algorithm>

#include "retort/seed.hpp"

namespace retort {
namespace {

struct KindName {
  GeneratorKind kind;
  std::string_view name;
};

constexpr KindName kKinds[] = {
    {GeneratorKind::kAuto, "auto"},
    {GeneratorKind::kSequence, "sequence"},
    {GeneratorKind::kConstant, "constant"},
    {GeneratorKind::kChoice, "choice"},
    {GeneratorKind::kInteger, "integer"},
    {GeneratorKind::kDecimal, "decimal"},
    {GeneratorKind::kDate, "date"},
    {GeneratorKind::kTimestamp, "timestamp"},
    {GeneratorKind::kBoolean, "boolean"},
    {GeneratorKind::kNull, "null"},
    {GeneratorKind::kFirstName, "first_name"},
    {GeneratorKind::kLastName, "last_name"},
    {GeneratorKind::kFullName, "full_name"},
    {GeneratorKind::kEmail, "email"},
    {GeneratorKind::kUsername, "username"},
    {GeneratorKind::kPhone, "phone"},
    {GeneratorKind::kStreet, "street"},
    {GeneratorKind::kCity, "city"},
    {GeneratorKind::kCountry, "country"},
    {GeneratorKind::kCompany, "company"},
    {GeneratorKind::kUrl, "url"},
    {GeneratorKind::kUuid, "uuid"},
    {GeneratorKind::kIpv4, "ipv4"},
    {GeneratorKind::kWords, "words"},
    {GeneratorKind::kSentence, "sentence"},
    {GeneratorKind::kParagraph, "paragraph"},
    {GeneratorKind::kFixture, "fixture"},
};

}  // namespace

std::string_view to_string(GeneratorKind kind) {
  for (const KindName& k : kKinds)
    if (k.kind == kind) return k.name;
  return "auto";
}

std::optional<GeneratorKind> parse_generator_kind(std::string_view name) {
  for (const KindName& k : kKinds)
    if (k.name == name) return k.kind;
  return std::nullopt;
}

const std::vector<std::string_view>& generator_kind_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const KindName& k : kKinds) out.push_back(k.name);
    return out;
  }();
  return names;
}

}  // namespace retort

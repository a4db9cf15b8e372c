// Fuzzes the revision-file reader: the header (parse_revision) and the operations under
// `upgrade:` and `downgrade:` (parse_operations_at), as the runtime reads a file. Bad input
// must be refused with a retort::Error. Wherever the fast header reader answers, it reads
// what yaml-cpp reads (the reader's own contract, script/revision_header.hpp). A file that
// parses keeps its text and checksum, and its operations survive
// parse_operations(emit_operations(ops)) == ops.
#include "fuzz_support.hpp"
#include "retort/ops.hpp"
#include "retort/revision.hpp"
#include "retort/revision_graph.hpp"
#include "script/revision_header.hpp"

using namespace retort;

namespace {

namespace script = detail::script;

bool same_item(const script::HeaderItem& a, const script::HeaderItem& b) {
  return a.kind == b.kind && a.text == b.text && a.line == b.line && a.column == b.column;
}

bool is_skipped_key(const std::string& key) {
  return key == "upgrade" || key == "downgrade" || key == "skip_lint" || key == "lint";
}

// The fast reader skips the blocks of upgrade, downgrade, skip_lint and lint without parsing them
// (the operations parser reads them, with yaml-cpp, later). So yaml-cpp may refuse a
// document the fast reader answered for only when the error lies in one of those blocks.
// yaml-cpp may also report a problem that a skipped block leaves unfinished (a scalar or a
// mapping it cannot close) on the line of the key that follows the block.
void check_refusal_in_skipped_block(const std::vector<script::HeaderField>& fields,
                                    const InputError& error) {
  const script::HeaderField* before = nullptr;    // the last key at or above the error
  const script::HeaderField* previous = nullptr;  // the key before that one
  for (const script::HeaderField& field : fields) {
    if (field.line <= error.location().line && (!before || field.line >= before->line)) {
      previous = before;
      before = &field;
    }
  }
  const bool in_block = before && is_skipped_key(before->key);
  const bool after_block =
      before && before->line == error.location().line && previous && is_skipped_key(previous->key);
  fuzz::check(
      in_block || after_block,
      std::string("the fast header reader accepts a header yaml-cpp refuses: ") + error.what());
}

// The fields both readers report must agree; the values of the keys the fast reader skips
// (upgrade, downgrade, skip_lint, lint) are not compared, their positions are.
void check_fast_reader(std::string_view text) {
  std::optional<std::vector<script::HeaderField>> fast;
  if (!fuzz::expect_typed_errors([&] { fast = script::scan_header_fast(text); }) || !fast) return;
  std::vector<script::HeaderField> full;
  try {
    full = script::scan_header_yaml(text, "fuzz.yaml");
  } catch (const InputError& e) {
    check_refusal_in_skipped_block(*fast, e);
    return;
  }
  fuzz::check(fast->size() == full.size(), "the header readers find different numbers of keys");
  for (std::size_t i = 0; i < full.size(); ++i) {
    const script::HeaderField& a = (*fast)[i];
    const script::HeaderField& b = full[i];
    const std::string where = "header key " + std::to_string(i + 1) + " \"" + b.key + "\"";
    fuzz::check(a.key == b.key && a.line == b.line && a.column == b.column,
                where + ": the header readers disagree on the key or its position");
    if (is_skipped_key(a.key)) continue;
    fuzz::check(a.kind == b.kind, where + ": the header readers disagree on the kind");
    if (a.kind == script::HeaderKind::kScalar) {
      fuzz::check(same_item(a.scalar, b.scalar) && a.scalar.plain == b.scalar.plain,
                  where + ": the header readers disagree on the value");
    }
    fuzz::check(a.items.size() == b.items.size(),
                where + ": the header readers disagree on the items");
    for (std::size_t k = 0; k < a.items.size(); ++k) {
      fuzz::check(same_item(a.items[k], b.items[k]),
                  where + ": the header readers disagree on an item");
    }
  }
}

void check_operations(std::string_view text, std::string_view key) {
  std::vector<Operation> ops;
  if (!fuzz::expect_typed_errors([&] { ops = parse_operations_at(text, key, "fuzz.yaml"); })) {
    return;
  }
  std::string emitted;
  std::vector<Operation> again;
  bool reparsed = fuzz::expect_typed_errors([&] {
    emitted = emit_operations(ops);
    again = parse_operations(emitted, "emitted.yaml");
  });
  fuzz::check(reparsed, "emit_operations output does not parse again:\n" + emitted);
  fuzz::check(again == ops, "parse_operations(emit_operations(ops)) != ops:\n" + emitted);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  check_fast_reader(text);
  Revision revision;
  if (!fuzz::expect_typed_errors([&] { revision = parse_revision(text, "fuzz.yaml"); })) return 0;
  fuzz::check(!revision.id.empty(), "a revision without an id was accepted");
  fuzz::check(revision.source == text, "Revision::source is not the file's text");
  fuzz::check(revision.checksum == sha256_hex(text), "Revision::checksum is not its SHA-256");
  check_operations(text, "upgrade");
  check_operations(text, "downgrade");
  // A graph of this one revision: fine for a root, a typed error when it names others.
  fuzz::expect_typed_errors([&] { RevisionGraph graph({revision}); });
  return 0;
}

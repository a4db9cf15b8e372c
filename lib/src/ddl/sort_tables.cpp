// sort_tables: a stable topological order of the tables by their foreign keys.
//
// Tables are placed one at a time: always the first table, in declaration order, whose
// referenced tables are all placed already (a self-reference needs nothing). When no table
// is free the remaining ones hold a cycle; then the first table (in declaration order) whose
// every unplaced referenced table can reach it back is placed, and its foreign keys to
// unplaced tables are reported as closing the cycle. Such a table always exists (any table
// of a strongly connected component with no edges to other unplaced components), and each
// reported foreign key truly lies on a cycle.
#include <algorithm>

#include "retort/ddl.hpp"

namespace retort {

namespace {

// For each table, the indexes of the tables its foreign keys reference (-1: outside the
// model, or a self-reference), in foreign-key order.
std::vector<std::vector<long>> referenced_tables(const MetaData& metadata) {
  std::vector<std::vector<long>> refs(metadata.tables.size());
  for (std::size_t t = 0; t < metadata.tables.size(); ++t) {
    for (const ForeignKey& fk : metadata.tables[t].foreign_keys) {
      long target = -1;
      for (std::size_t u = 0; u < metadata.tables.size(); ++u) {
        const Table& candidate = metadata.tables[u];
        if (candidate.name == fk.ref_table && candidate.schema == fk.ref_schema) {
          target = static_cast<long>(u);
          break;
        }
      }
      refs[t].push_back(target == static_cast<long>(t) ? -1 : target);
    }
  }
  return refs;
}

class Sorter {
 public:
  explicit Sorter(const MetaData& metadata)
      : refs_(referenced_tables(metadata)), placed_(metadata.tables.size(), false) {}

  TableOrder run() {
    TableOrder order;
    while (order.tables.size() < placed_.size()) {
      std::size_t next = first_free();
      if (next == placed_.size()) {
        next = first_breakable();
        for (std::size_t f = 0; f < refs_[next].size(); ++f) {
          if (refs_[next][f] >= 0 && !placed_[refs_[next][f]])
            order.cycle_fks.emplace_back(next, f);
        }
      }
      placed_[next] = true;
      order.tables.push_back(next);
    }
    return order;
  }

 private:
  bool is_free(std::size_t t) const {
    return std::all_of(refs_[t].begin(), refs_[t].end(),
                       [&](long r) { return r < 0 || placed_[r]; });
  }

  std::size_t first_free() const {
    for (std::size_t t = 0; t < placed_.size(); ++t) {
      if (!placed_[t] && is_free(t)) return t;
    }
    return placed_.size();
  }

  // True when `to` is reachable from `from` through unplaced tables.
  bool reaches(std::size_t from, std::size_t to) const {
    std::vector<bool> seen(placed_.size(), false);
    std::vector<std::size_t> stack{from};
    seen[from] = true;
    while (!stack.empty()) {
      const std::size_t t = stack.back();
      stack.pop_back();
      if (t == to) return true;
      for (const long r : refs_[t]) {
        if (r >= 0 && !placed_[r] && !seen[r]) {
          seen[r] = true;
          stack.push_back(static_cast<std::size_t>(r));
        }
      }
    }
    return false;
  }

  std::size_t first_breakable() const {
    for (std::size_t t = 0; t < placed_.size(); ++t) {
      if (placed_[t]) continue;
      const bool breakable = std::all_of(refs_[t].begin(), refs_[t].end(), [&](long r) {
        return r < 0 || placed_[r] || reaches(static_cast<std::size_t>(r), t);
      });
      if (breakable) return t;
    }
    return placed_.size();  // unreachable: see the file comment
  }

  std::vector<std::vector<long>> refs_;
  std::vector<bool> placed_;
};

}  // namespace

TableOrder sort_tables(const MetaData& metadata) { return Sorter(metadata).run(); }

}  // namespace retort

// A failing statement injected at every position of every revision of the chain: the database
// is left exactly as before the run (one transaction) or after the last good revision (one
// transaction per revision), compared by reflection, version rows and log rows.
#include "retort/error.hpp"
#include "runtime/runtime_fixture.hpp"

namespace retort::testing {
namespace {

const char* const kIds[4] = {"rev0001", "rev0002", "rev0003", "rev0004"};
const char* const kFailing = "  - execute: \"INSERT INTO no_such_table VALUES (1)\"\n";

// The revision file `text` with the failing execute inserted before its upgrade operation
// `position` (0-based; the number of operations appends it).
std::string with_failure(const std::string& text, int position) {
  const std::size_t downgrade = text.find("downgrade:");
  std::vector<std::size_t> starts;  // where each upgrade operation's line begins
  for (std::size_t at = text.find("upgrade:"); (at = text.find("\n  - ", at + 1)) < downgrade;) {
    starts.push_back(at + 1);
  }
  const std::size_t at = position < static_cast<int>(starts.size())
                             ? starts[static_cast<std::size_t>(position)]
                             : downgrade;
  return text.substr(0, at) + kFailing + text.substr(at);
}

int operation_count(const std::string& text) {
  int count = 0;
  const std::size_t end = text.find("downgrade:");
  for (std::size_t at = text.find("upgrade:"); (at = text.find("\n  - ", at + 1)) < end;) ++count;
  return count;
}

TEST_P(RuntimeTest, FailureAtEveryOperationLeavesNoTrace) {
  Connection conn = connect();
  for (bool per_migration : {false, true}) {
    RuntimeOptions options;
    options.transaction_per_migration = per_migration;
    for (int k = 0; k < 4; ++k) {
      const std::string good = kRevisionFiles[k][1];
      for (int position = 0; position <= operation_count(good); ++position) {
        SCOPED_TRACE(std::string(per_migration ? "per revision" : "one transaction") +
                     ", revision " + kIds[k] + ", position " + std::to_string(position));
        // What the database should look like afterwards.
        std::vector<std::string> expected_heads;
        if (per_migration && k > 0) {
          upgrade(conn, scripts().graph(), kIds[k - 1], options);
          expected_heads = {kIds[k - 1]};
        }
        const MetaData expected = schema(conn);
        if (per_migration && k > 0) downgrade(conn, scripts().graph(), "base", options);
        const std::size_t log_before = read_log(conn).size();

        write_revision(kRevisionFiles[k][0], with_failure(good, position));
        EXPECT_THROW(upgrade(conn, scripts().graph(), "head", options), DatabaseError);
        EXPECT_EQ(schema(conn), expected);
        EXPECT_EQ(current_heads(conn), expected_heads);
        EXPECT_EQ(read_log(conn).size(),
                  per_migration ? log_before + static_cast<std::size_t>(k) : log_before);
        write_revision(kRevisionFiles[k][0], good);
        downgrade(conn, scripts().graph(), "base", options);
        EXPECT_TRUE(table_names(conn).empty());
      }
    }
  }
}

}  // namespace
}  // namespace retort::testing

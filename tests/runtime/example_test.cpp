// The embedding example of docs/embedding.md (examples/migrate_at_startup.cpp), built as its
// own program and run twice on a fresh SQLite project: it migrates, then finds nothing to do.
#include <sys/wait.h>

#include <cstdlib>

#include "retort/error.hpp"
#include "runtime/runtime_fixture.hpp"

namespace retort::testing {
namespace {

// Runs the example program on `config`, capturing its output in files under `dir`.
RunResult run_example(const TempDir& dir, const std::string& config) {
  const std::string out = (dir / "example.out").string(), err = (dir / "example.err").string();
  const std::string command = std::string("'") + MIGRATE_AT_STARTUP_BINARY + "' '" + config +
                              "' > '" + out + "' 2> '" + err + "'";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out), read_file(err)};
}

TEST(EmbeddingExample, MigratesItsOwnDatabaseAtStartUp) {
  TempDir dir;
  const std::string db = (dir / "app.db").string();
  write_file(dir / "retort.yaml", "database_url: sqlite:///" + db + "\n");
  write_file(dir / "migrations/versions/0001_note.yaml", R"y(revision: note0001
message: create note
upgrade:
  - create_table: {name: note, columns: {id: {type: integer, primary_key: true}, body: text}}
  - bulk_insert: {table: note, rows: [{id: 1, body: hello}]}
downgrade:
  - drop_table: {name: note}
)y");
  const std::string config = (dir / "retort.yaml").string();
  RunResult r = run_example(dir, config);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "migrated: note0001 (create note)\nnotes: 1\n");
  r = run_example(dir, config);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "notes: 1\n");

  Engine engine(Url::parse("sqlite:///" + db));
  Connection conn = engine.connect();
  EXPECT_EQ(current_heads(conn), std::vector<std::string>{"note0001"});
  EXPECT_EQ(read_log(conn).size(), 1u);
  EXPECT_EQ(conn.query("SELECT body FROM note").cell(0, 0).text(), "hello");

  // A broken revision: exit 1, one line naming the file, the database unchanged.
  write_file(dir / "migrations/versions/0002_bad.yaml", R"y(revision: note0002
down_revision: note0001
upgrade:
  - add_column: {table: note, column: extra, type: text}
  - execute: "INSERT INTO missing VALUES (1)"
)y");
  r = run_example(dir, config);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("0002_bad.yaml: upgrade operation 2"), std::string::npos) << r.err;
  EXPECT_EQ(current_heads(conn), std::vector<std::string>{"note0001"});
}

}  // namespace
}  // namespace retort::testing

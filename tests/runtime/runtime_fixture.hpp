// A project of four hand-written revisions and a database of either dialect, for the runtime
// tests.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "retort/engine.hpp"
#include "retort/inspect.hpp"
#include "retort/revision_graph.hpp"
#include "retort/runtime.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

// rev0001 creates artist, rev0002 adds artist.rating, rev0003 creates track with an index,
// rev0004 inserts a row (execute with a reverse).
inline const char* const kRevisionFiles[4][2] = {
    {"0001_artist.yaml", R"y(revision: rev0001
down_revision: null
message: create artist
upgrade:
  - create_table:
      name: artist
      columns:
        id: {type: integer, primary_key: true}
        name: {type: varchar(40), nullable: false}
downgrade:
  - drop_table: {name: artist}
)y"},
    {"0002_rating.yaml", R"y(revision: rev0002
down_revision: rev0001
message: add rating
upgrade:
  - add_column: {table: artist, column: rating, type: integer}
downgrade:
  - drop_column: {table: artist, column: rating}
)y"},
    {"0003_track.yaml", R"y(revision: rev0003
down_revision: rev0002
message: create track
upgrade:
  - create_table:
      name: track
      columns:
        id: {type: integer, primary_key: true}
        artist_id: {type: integer, references: artist.id}
        title: {type: text}
  - create_index: {table: track, name: ix_track_title, columns: [title]}
downgrade:
  - drop_index: {table: track, name: ix_track_title}
  - drop_table: {name: track}
)y"},
    {"0004_seed.yaml", R"y(revision: rev0004
down_revision: rev0003
message: seed an artist
upgrade:
  - execute: {sql: "INSERT INTO artist (id, name) VALUES (1, 'Nina')", reverse: "DELETE FROM artist WHERE id = 1"}
downgrade:
  - execute: "DELETE FROM artist WHERE id = 1"
)y"},
};

// rev0004 failing at its second operation.
inline const char* const kFailingRevision4 = R"y(revision: rev0004
down_revision: rev0003
message: seed an artist
upgrade:
  - add_column: {table: track, column: extra, type: text}
  - execute: "INSERT INTO no_such_table VALUES (1)"
downgrade:
  - drop_column: {table: track, column: extra}
)y";

class RuntimeTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      RETORT_REQUIRE_PG();
      pg_ = std::make_unique<PgTestDatabase>(*pg_server_url());
      engine_.emplace(pg_->url());
    } else {
      engine_.emplace(Url::parse("sqlite:///" + (dir_ / "app.db").string()));
    }
    for (const auto& file : kRevisionFiles) write_revision(file[0], file[1]);
  }

  void write_revision(const std::string& name, const std::string& text) {
    write_file(dir_ / "migrations" / "versions" / name, text);
  }
  ScriptDirectory scripts() const { return ScriptDirectory::load(dir_ / "migrations"); }
  Connection connect() { return engine_->connect(); }
  MetaData schema(Connection& conn) {
    InspectOptions inspect;
    inspect.version_tables = {"retort_version", "retort_version_log"};
    return reflect(conn, inspect);
  }
  std::vector<std::string> table_names(Connection& conn) {
    std::vector<std::string> names;
    for (const Table& t : schema(conn).tables) names.push_back(t.name);
    std::sort(names.begin(), names.end());
    return names;
  }

  TempDir dir_;
  std::unique_ptr<PgTestDatabase> pg_;
  std::optional<Engine> engine_;
};

}  // namespace retort::testing

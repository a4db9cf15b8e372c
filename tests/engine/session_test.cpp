// Session batching on both backends.
#include "retort/session.hpp"

#include <algorithm>

#include "engine/connection_fixture.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

Column column(std::string name, TypeKind kind) {
  Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  return c;
}

class SessionTest : public ConnectionFixture {
 protected:
  void SetUp() override {
    ConnectionFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    conn().execute(
        "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
        "CREATE TABLE track (id INTEGER PRIMARY KEY, title TEXT, "
        "artist_id INTEGER NOT NULL REFERENCES artist (id))");
    Table artist;
    artist.name = "artist";
    artist.columns = {column("id", TypeKind::kInteger), column("name", TypeKind::kText)};
    Table track;
    track.name = "track";
    track.columns = {column("id", TypeKind::kInteger), column("title", TypeKind::kText),
                     column("artist_id", TypeKind::kInteger)};
    metadata_.tables = {artist, track};
    log().clear();
  }

  // Statements that wrote rows: INSERTs (SQLite) or COPYs (PostgreSQL).
  std::size_t insert_statements() const {
    auto& log = const_cast<SessionTest*>(this)->log();
    return log.count(LogLevel::kInfo, "INSERT INTO ") + log.count(LogLevel::kInfo, "COPY ");
  }
  // Rows of artist as "id:name" in id order.
  std::vector<std::string> artists() {
    std::vector<std::string> out;
    for (const Row& row : conn().query("SELECT id, name FROM artist ORDER BY id")) {
      out.push_back(std::to_string(row.integer(0)) + ":" + row.text(1));
    }
    return out;
  }

  MetaData metadata_;
};

TEST_P(SessionTest, WritesRowsInBatches) {
  Session session(conn(), metadata_, {.batch_size = 100});
  for (int i = 1; i <= 1234; ++i) {
    session.add("artist", {"id", "name"}, {i, "artist " + std::to_string(i)});
  }
  EXPECT_EQ(session.pending(), 34u);  // 12 automatic writes of 100 rows
  session.commit();
  EXPECT_EQ(session.pending(), 0u);
  EXPECT_EQ(session.rows_written(), 1234u);
  EXPECT_EQ(count_rows("artist"), 1234);
  EXPECT_EQ(conn().query("SELECT name FROM artist WHERE id = 1234")[0].text(0), "artist 1234");
  const std::string first = log().at(LogLevel::kInfo)[1];
  if (is_sqlite()) {
    EXPECT_EQ(insert_statements(), 13u);
    EXPECT_EQ(first.rfind("INSERT INTO \"artist\" (\"id\", \"name\") VALUES (?,?),(?,?)", 0), 0u)
        << first;
  } else {
    EXPECT_EQ(insert_statements(), 1u);  // one COPY streamed in 13 writes
    EXPECT_EQ(first, "COPY \"artist\" (\"id\", \"name\") FROM STDIN");
  }
}

TEST_P(SessionTest, RowsPerStatementRespectTheBindParameterLimit) {
  const std::size_t rows = 40000;
  Session session(conn(), metadata_, {.batch_size = rows + 2});
  session.add("artist", {"id", "name"}, {1, "a"});
  for (std::size_t i = 1; i <= rows; ++i) {
    session.add("track", {"id", "title", "artist_id"}, {static_cast<long long>(i), "t", 1});
  }
  session.commit();
  EXPECT_EQ(count_rows("track"), static_cast<std::int64_t>(rows));
  if (!is_sqlite()) {
    EXPECT_EQ(insert_statements(), 2u);  // COPY has no parameters
    return;
  }
  // Three columns per row: a statement carries at most max_bind_parameters() / 3 rows.
  const std::size_t per_statement =
      static_cast<std::size_t>(conn().dialect().max_bind_parameters()) / 3;
  ASSERT_LT(per_statement, rows);
  EXPECT_EQ(insert_statements(), 1 + (rows + per_statement - 1) / per_statement);
}

TEST_P(SessionTest, InterleavedTablesKeepTheirOrder) {
  Session session(conn(), metadata_, {.batch_size = 1000});
  for (int i = 1; i <= 50; ++i) {
    session.add("artist", {"id", "name"}, {i, "a"});
    session.add("track", {"id", "title", "artist_id"}, {i, "t", i});
    session.add("track", {"id", "title", "artist_id"}, {i + 1000, "u", i});
  }
  session.commit();
  EXPECT_EQ(count_rows("track"), 100);
  EXPECT_EQ(insert_statements(), 100u);  // one per run of same-table rows
}

TEST_P(SessionTest, InsertersCrossManyBatchBoundaries) {
  Session session(conn(), metadata_, {.batch_size = 7});
  Session::Inserter artist_rows = session.inserter("artist", {"id", "name"});
  Session::Inserter track_rows = session.inserter("track", {"artist_id", "id", "title"});
  std::vector<std::string> expected;
  for (int i = 1; i <= 1000; ++i) {
    artist_rows.add({i, "artist " + std::to_string(i)});
    expected.push_back(std::to_string(i) + ":artist " + std::to_string(i));
    // Runs of 0 to 12 tracks: partial and full batches, and switches in between.
    for (int t = 0; t < i % 13; ++t) track_rows.add({i, i * 100 + t, "t" + std::to_string(t)});
    if (i % 100 == 0) session.add("artist", {"id", "name"}, {5000 + i, "via add"});
    if (i % 100 == 0) expected.push_back(std::to_string(5000 + i) + ":via add");
  }
  session.commit();
  std::sort(expected.begin(), expected.end(),
            [](const std::string& a, const std::string& b) { return std::stoi(a) < std::stoi(b); });
  EXPECT_EQ(artists(), expected);
  std::int64_t tracks_expected = 0;
  for (int i = 1; i <= 1000; ++i) tracks_expected += i % 13;
  EXPECT_EQ(count_rows("track"), tracks_expected);
  EXPECT_EQ(session.rows_written(), 1010u + static_cast<std::uint64_t>(tracks_expected));
  const Result last = conn().query("SELECT title, artist_id FROM track WHERE id = 1211");
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].text(0), "t11");
  EXPECT_EQ(last[0].integer(1), 12);
}

TEST_P(SessionTest, InserterChecksOnceAndCountsValues) {
  Session session(conn(), metadata_);
  EXPECT_THROW(session.inserter("artist", {"id", "nope"}), InputError);
  EXPECT_THROW(session.inserter("nope", {"id"}), InputError);
  Session::Inserter artist_rows = session.inserter("artist", {"id", "name"});
  try {
    artist_rows.add({1});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "session: table \"artist\": 1 values for 2 columns");
  }
  const std::vector<Value> row = {2, "b"};
  artist_rows.add(row);
  EXPECT_EQ(session.pending(), 1u);
  session.commit();
  EXPECT_EQ(artists(), (std::vector<std::string>{"2:b"}));
}

TEST_P(SessionTest, ManyTablesInTurnKeepWorkingAsStatementsAreDropped) {
  MetaData many;
  for (int t = 0; t < 20; ++t) {
    const std::string name = "many_" + std::to_string(t);
    conn().execute("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, label TEXT)");
    Table table;
    table.name = name;
    table.columns = {column("id", TypeKind::kInteger), column("label", TypeKind::kText)};
    many.tables.push_back(table);
  }
  Session session(conn(), many, {.batch_size = 4});
  for (int round = 0; round < 3; ++round) {
    for (int t = 0; t < 20; ++t) {
      auto rows = session.inserter("many_" + std::to_string(t), {"id", "label"});
      for (int i = 0; i < 6; ++i) rows.add({round * 10 + i, "r" + std::to_string(round)});
    }
  }
  session.commit();
  for (int t = 0; t < 20; ++t) EXPECT_EQ(count_rows("many_" + std::to_string(t)), 18) << t;
  EXPECT_EQ(conn().query("SELECT label FROM many_19 WHERE id = 25")[0].text(0), "r2");
}

TEST_P(SessionTest, FlushFreesTheConnectionForOtherStatements) {
  Session session(conn(), metadata_, {.batch_size = 3});
  Session::Inserter artist_rows = session.inserter("artist", {"id", "name"});
  for (int i = 1; i <= 10; ++i) artist_rows.add({i, "a"});
  session.flush();
  EXPECT_EQ(count_rows("artist"), 10);  // inside the session's transaction
  for (int i = 11; i <= 20; ++i) artist_rows.add({i, "a"});
  session.commit();
  EXPECT_EQ(count_rows("artist"), 20);
}

TEST_P(SessionTest, RollbackDiscardsWrittenAndPendingRows) {
  Session session(conn(), metadata_, {.batch_size = 10});
  for (int i = 1; i <= 25; ++i) session.add("artist", {"id", "name"}, {i, "a"});
  session.rollback();
  EXPECT_EQ(session.pending(), 0u);
  EXPECT_EQ(count_rows("artist"), 0);
  // The session is usable again afterwards.
  session.add("artist", {"id", "name"}, {1, "kept"});
  session.commit();
  EXPECT_EQ(count_rows("artist"), 1);
}

TEST_P(SessionTest, DestructionWithoutCommitDiscards) {
  {
    Session session(conn(), metadata_, {.batch_size = 10});
    for (int i = 1; i <= 25; ++i) session.add("artist", {"id", "name"}, {i, "a"});
    session.flush();
  }
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(count_rows("artist"), 0);
}

TEST_P(SessionTest, UsesASavepointInsideTheCallersTransaction) {
  Transaction outer(conn());
  {
    Session session(conn(), metadata_);
    session.add("artist", {"id", "name"}, {1, "a"});
    session.commit();
  }
  EXPECT_EQ(log().count(LogLevel::kInfo, "SAVEPOINT "), 1u);
  EXPECT_EQ(count_rows("artist"), 1);
  outer.rollback();
  EXPECT_EQ(count_rows("artist"), 0);
}

TEST_P(SessionTest, RejectsUnknownTablesAndColumns) {
  Session session(conn(), metadata_);
  auto message = [&](auto&& call) -> std::string {
    try {
      call();
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message([&] { session.add("albums", {"id"}, {1}); }),
            "session: unknown table \"albums\"");
  EXPECT_EQ(message([&] {
              session.add("artist", {"id", "nmae"}, {1, "a"});
            }),
            "session: table \"artist\": no column \"nmae\"");
  EXPECT_EQ(message([&] {
              session.add("artist", {"id", "name"}, {1});
            }),
            "session: table \"artist\": 1 values for 2 columns");
  session.add("artist", {"id", "name"}, {1, "a"});
  EXPECT_EQ(message([&] {
              session.add("artist", {"id", "name"}, {2});
            }),
            "session: table \"artist\": 1 values for 2 columns");
  EXPECT_EQ(message([&] {
              session.add("artist", {"id", "id"}, {1, 2});
            }),
            "session: table \"artist\": column \"id\" given twice");
  EXPECT_EQ(session.pending(), 1u);
}

TEST_P(SessionTest, DatabaseErrorsSurfaceOnFlush) {
  Session session(conn(), metadata_);
  session.add("artist", {"id", "name"}, {1, nullptr});  // NOT NULL
  EXPECT_THROW(session.flush(), DatabaseError);
  session.rollback();
  EXPECT_EQ(conn().transaction_depth(), 0);
}

// next_row() / add_next_row(): rows built in the session's own slots.

TEST_P(SessionTest, RowsBuiltInPlaceAreWrittenInBatches) {
  Session session(conn(), metadata_, {.batch_size = 100});
  Session::Inserter rows = session.inserter("artist", {"id", "name"});
  std::vector<std::string> expected;
  for (int i = 1; i <= 250; ++i) {
    std::span<Value> row = rows.next_row();
    ASSERT_EQ(row.size(), 2u);
    row[0] = i;
    row[1].text_buffer() = "artist " + std::to_string(i);  // reuses the slot's storage
    rows.add_next_row();
    expected.push_back(std::to_string(i) + ":artist " + std::to_string(i));
  }
  EXPECT_EQ(session.pending(), 50u);
  session.commit();
  EXPECT_EQ(session.rows_written(), 250u);
  EXPECT_EQ(artists(), expected);
}

TEST_P(SessionTest, MixesWithAddAndDropsARowNeverAdded) {
  Session session(conn(), metadata_, {.batch_size = 3});
  Session::Inserter rows = session.inserter("artist", {"id", "name"});
  rows.add({1, "one"});
  std::span<Value> row = rows.next_row();
  row[0] = 99;
  row[1] = "dropped";  // never added: the next row takes its slots
  row = rows.next_row();
  row[0] = 2;
  row[1] = "two";
  rows.add_next_row();
  rows.add({3, "three"});
  row = rows.next_row();
  row[0] = 4;
  row[1] = "four";
  rows.add_next_row();
  session.commit();
  EXPECT_EQ(artists(), (std::vector<std::string>{"1:one", "2:two", "3:three", "4:four"}));
}

TEST_P(SessionTest, AddNextRowWithoutNextRowIsAUsageError) {
  Session session(conn(), metadata_);
  Session::Inserter rows = session.inserter("artist", {"id", "name"});
  EXPECT_THROW(rows.add_next_row(), UsageError);
  std::span<Value> row = rows.next_row();
  row[0] = 1;
  row[1] = "one";
  rows.add_next_row();
  EXPECT_THROW(rows.add_next_row(), UsageError);  // that row is queued already
  EXPECT_EQ(session.pending(), 1u);
  session.commit();
  EXPECT_EQ(artists(), (std::vector<std::string>{"1:one"}));
}

// A row of no columns takes every default (a table whose columns the database fills):
// INSERT ... DEFAULT VALUES, also on PostgreSQL, where COPY cannot write it.
TEST_P(SessionTest, ARowOfNoColumnsTakesTheDefaults) {
  conn().execute(
      is_sqlite() ? "CREATE TABLE node (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT "
                    "NOT NULL DEFAULT 'x')"
                  : "CREATE TABLE node (id SERIAL PRIMARY KEY, label TEXT NOT NULL DEFAULT 'x')");
  Table node;
  node.name = "node";
  node.columns = {column("id", TypeKind::kInteger), column("label", TypeKind::kText)};
  metadata_.tables.push_back(node);
  Session session(conn(), metadata_, {.batch_size = 2});
  session.add("artist", {"id", "name"}, {1, "one"});
  session.add("node", {}, {});
  Session::Inserter rows = session.inserter("node", {});
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(rows.next_row().empty());
    rows.add_next_row();
  }
  session.add("artist", {"id", "name"}, {2, "two"});
  session.commit();
  EXPECT_EQ(session.rows_written(), 6u);
  EXPECT_EQ(artists(), (std::vector<std::string>{"1:one", "2:two"}));
  std::vector<std::string> nodes;
  for (const Row& row : conn().query("SELECT id, label FROM node ORDER BY id"))
    nodes.push_back(std::to_string(row.integer(0)) + ":" + row.text(1));
  EXPECT_EQ(nodes, (std::vector<std::string>{"1:x", "2:x", "3:x", "4:x"}));
  EXPECT_THROW(session.add("node", {}, {Value(1)}), InputError);
}

RETORT_INSTANTIATE_BACKENDS(SessionTest);

}  // namespace
}  // namespace retort::testing

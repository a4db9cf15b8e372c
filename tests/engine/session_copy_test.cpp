// Session on PostgreSQL writes through COPY: every tricky value round-trips, and a COPY the
// server rejects gives a DatabaseError naming the table and leaves a transaction that rolls
// back cleanly.
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/connection_fixture.hpp"
#include "retort/error.hpp"
#include "retort/session.hpp"

namespace retort::testing {
namespace {

Column column(std::string name, const char* type) {
  Column c;
  c.name = std::move(name);
  c.type = Type::parse(type);
  return c;
}

class SessionCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RETORT_REQUIRE_PG();
    pg_ = std::make_unique<PgTestDatabase>(*pg_server_url());
    EngineOptions options;
    options.echo = true;
    options.logger = log_.sink();
    engine_.emplace(pg_->url(), options);
    conn_.emplace(engine_->connect());
    conn_->execute(
        "CREATE TABLE parent (id integer PRIMARY KEY);"
        "CREATE TABLE item (id integer PRIMARY KEY, note text, data bytea, amount numeric(10,2),"
        " ratio double precision, created timestamp, active boolean,"
        " parent_id integer REFERENCES parent (id))");
    Table parent;
    parent.name = "parent";
    parent.columns = {column("id", "integer")};
    Table item;
    item.name = "item";
    item.columns = {column("id", "integer"),     column("note", "text"),
                    column("data", "bytea"),     column("amount", "numeric(10,2)"),
                    column("ratio", "double"),   column("created", "timestamp"),
                    column("active", "boolean"), column("parent_id", "integer")};
    metadata_.tables = {parent, item};
  }
  void TearDown() override {
    conn_.reset();
    engine_.reset();
    pg_.reset();
  }

  Connection& conn() { return *conn_; }
  std::int64_t count_rows(const std::string& table) {
    return conn().query("SELECT count(*) FROM " + table)[0].integer(0);
  }
  // The DatabaseError that `call` throws.
  template <typename Call>
  DatabaseError error_of(Call&& call) {
    try {
      call();
    } catch (const DatabaseError& e) {
      return e;
    }
    ADD_FAILURE() << "no DatabaseError";
    return DatabaseError("none");
  }

  LogCapture log_;
  MetaData metadata_;
  std::unique_ptr<PgTestDatabase> pg_;
  std::optional<Engine> engine_;
  std::optional<Connection> conn_;
};

TEST_F(SessionCopyTest, TrickyTextAndBytesRoundTrip) {
  const std::string large(300 * 1024, 'x');
  std::string large_escaped;
  for (int i = 0; i < 50000; ++i) large_escaped += "a\\b\tc\nd\r";
  const std::vector<Value> notes = {
      "tab\there", "new\nline",   "back\\slash", "\\N",        "\\\\N",    "cr\r\nlf",
      "",          Value(),       "ünïcødé ✓ 𝄞", "trailing\\", "\\x00ff",  "end\t",
      large,       large_escaped, " spaces ",    "quote'\"",   "\x01\x1f", "percent %"};
  const std::vector<Value> blobs = {Blob{},           Blob{0, 0, 0}, Blob{'\\', '\t', '\n'},
                                    Blob{0xff, 0x00}, Value(),       Blob(100000, 0x5c)};
  Session session(conn(), metadata_, {.batch_size = 5});
  auto items = session.inserter("item", {"id", "note", "data"});
  for (std::size_t i = 0; i < notes.size(); ++i) {
    items.add({static_cast<long long>(i), notes[i], blobs[i % blobs.size()]});
  }
  session.commit();
  const Result rows = conn().query("SELECT id, note, data FROM item ORDER BY id");
  ASSERT_EQ(rows.size(), notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) {
    EXPECT_EQ(rows[i][1], notes[i]) << "row " << i;
    EXPECT_EQ(rows[i][2], blobs[i % blobs.size()]) << "row " << i;
  }
}

TEST_F(SessionCopyTest, NumbersBooleansAndTimestampsAsText) {
  Session session(conn(), metadata_);
  auto items = session.inserter("item", {"id", "amount", "ratio", "created", "active"});
  items.add({1, "12345678.91", 0.1, "2026-11-22 10:00:00.123456", true});
  items.add({2, -5, -1.5e300, "1970-01-01 00:00:00", false});
  items.add({3, Value(), std::numeric_limits<double>::infinity(), Value(), Value()});
  items.add({4, 0, std::numeric_limits<double>::quiet_NaN(), "infinity", 1});
  session.commit();
  const Result rows =
      conn().query("SELECT amount::text, ratio, created::text, active FROM item ORDER BY id");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].text(0), "12345678.91");
  EXPECT_EQ(rows[0][1], Value(0.1));
  EXPECT_EQ(rows[0].text(2), "2026-11-22 10:00:00.123456");
  EXPECT_EQ(rows[0][3], Value(true));
  EXPECT_EQ(rows[1].text(0), "-5.00");
  EXPECT_EQ(rows[1][1], Value(-1.5e300));
  EXPECT_EQ(rows[1][3], Value(false));
  EXPECT_TRUE(rows[2][0].is_null());
  EXPECT_EQ(rows[2][1], Value(std::numeric_limits<double>::infinity()));
  EXPECT_TRUE(rows[2][2].is_null());
  EXPECT_TRUE(rows[2][3].is_null());
  EXPECT_TRUE(std::isnan(rows[3][1].real()));
  EXPECT_EQ(rows[3].text(2), "infinity");
}

TEST_F(SessionCopyTest, UniqueViolationNamesTheTableAndRollsBack) {
  Session session(conn(), metadata_, {.batch_size = 10});
  auto items = session.inserter("item", {"id", "note"});
  DatabaseError error = error_of([&] {
    for (int i = 0; i < 100; ++i) items.add({i % 60, "n"});  // 0..39 come twice
    session.commit();
  });
  EXPECT_EQ(error.code(), "23505");
  EXPECT_NE(std::string(error.what()).find("COPY \"item\""), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("duplicate key"), std::string::npos) << error.what();
  session.rollback();
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(count_rows("item"), 0);
  // The session and the connection work afterwards.
  items.add({1, "again"});
  session.commit();
  EXPECT_EQ(count_rows("item"), 1);
}

TEST_F(SessionCopyTest, ForeignKeyViolationAndBadValue) {
  {
    Session session(conn(), metadata_);
    session.add("parent", {"id"}, {1});
    session.add("item", {"id", "parent_id"}, {1, 1});
    session.add("item", {"id", "parent_id"}, {2, 2});
    DatabaseError error = error_of([&] { session.flush(); });
    EXPECT_EQ(error.code(), "23503");
    EXPECT_NE(std::string(error.what()).find("\"item\""), std::string::npos) << error.what();
    session.rollback();
  }
  {
    Session session(conn(), metadata_);
    session.add("item", {"id", "amount"}, {1, "not a number"});
    DatabaseError error = error_of([&] { session.commit(); });
    EXPECT_EQ(error.code(), "22P02");
    EXPECT_NE(std::string(error.what()).find("COPY \"item\""), std::string::npos) << error.what();
  }  // destroyed without rollback(): rolls back itself
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(count_rows("parent"), 0);
  EXPECT_EQ(count_rows("item"), 0);
}

TEST_F(SessionCopyTest, MissingTableFailsAtTheFirstWrite) {
  Table ghost;
  ghost.name = "ghost";
  ghost.columns = {column("id", "integer")};
  metadata_.tables.push_back(ghost);
  Session session(conn(), metadata_);
  session.add("ghost", {"id"}, {1});
  EXPECT_EQ(error_of([&] { session.commit(); }).code(), "42P01");
  session.rollback();
  EXPECT_EQ(count_rows("item"), 0);
}

TEST_F(SessionCopyTest, TextWithNulIsRefusedBeforeAnythingIsSent) {
  Session session(conn(), metadata_);
  auto items = session.inserter("item", {"id", "note"});
  items.add({1, "fine"});
  EXPECT_THROW(items.add({2, std::string("nul\0here", 8)}), DatabaseError);
  items.add({3, "fine too"});
  session.commit();
  EXPECT_EQ(count_rows("item"), 2);
}

TEST_F(SessionCopyTest, AbandonedCopyLeavesTheConnectionUsable) {
  {
    Session session(conn(), metadata_, {.batch_size = 10});
    auto items = session.inserter("item", {"id"});
    for (int i = 0; i < 25; ++i) items.add({i});  // a COPY is open, 5 rows held
  }
  EXPECT_EQ(conn().transaction_depth(), 0);
  EXPECT_EQ(count_rows("item"), 0);
}

}  // namespace
}  // namespace retort::testing

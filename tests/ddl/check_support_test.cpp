// Dialect::check_support messages, and the dialects' basic properties.
#include <gtest/gtest.h>

#include "ddl_test_util.hpp"
#include "retort/error.hpp"

namespace retort::testing {
namespace {

std::string support_error(const Dialect& d, const MetaData& m) {
  try {
    d.check_support(m);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

MetaData one(Table t) {
  MetaData m;
  m.tables.push_back(std::move(t));
  return m;
}

Table id_table(TypeKind kind = TypeKind::kInteger) {
  Table t = table("t", {column("id", type(kind), false), column("x", type(TypeKind::kText))});
  t.primary_key = PrimaryKey{{}, {"id"}};
  return t;
}

TEST(Dialects, Properties) {
  EXPECT_EQ(sqlite().kind(), DialectKind::kSqlite);
  EXPECT_EQ(sqlite().name(), "sqlite");
  EXPECT_EQ(sqlite().placeholder(3), "?");
  EXPECT_EQ(sqlite().max_bind_parameters(), 32766);
  EXPECT_EQ(sqlite().default_schema(), "main");
  EXPECT_FALSE(sqlite().has_schemas());
  EXPECT_FALSE(sqlite().has_enum_types());
  EXPECT_FALSE(sqlite().has_comments());
  EXPECT_FALSE(sqlite().can_alter_add_constraint());
  EXPECT_EQ(postgres().kind(), DialectKind::kPostgres);
  EXPECT_EQ(postgres().name(), "postgresql");
  EXPECT_EQ(postgres().placeholder(3), "$3");
  EXPECT_EQ(postgres().max_bind_parameters(), 65535);
  EXPECT_EQ(postgres().default_schema(), "public");
  EXPECT_TRUE(postgres().has_schemas());
  EXPECT_TRUE(postgres().has_enum_types());
  EXPECT_TRUE(postgres().has_comments());
  EXPECT_TRUE(postgres().can_alter_add_constraint());
  EXPECT_EQ(&dialect_for("sqlite"), &sqlite());
  EXPECT_EQ(&dialect_for("postgresql"), &postgres());
  EXPECT_EQ(&dialect_for("postgres"), &postgres());
  EXPECT_THROW(dialect_for("mysql"), UsageError);
}

TEST(CheckSupport, RichModelIsAcceptedByBoth) {
  EXPECT_EQ(support_error(sqlite(), rich_model(false)), "");
  EXPECT_EQ(support_error(postgres(), rich_model(true)), "");
}

TEST(CheckSupport, SqliteMessages) {
  Table identity = id_table();
  identity.columns[0].identity = Identity::kAlways;
  EXPECT_EQ(support_error(sqlite(), one(identity)),
            "sqlite: table \"t\": column \"id\": identity columns are not supported; use "
            "autoincrement");

  Table schema = id_table();
  schema.schema = "audit";
  EXPECT_EQ(support_error(sqlite(), one(schema)),
            "sqlite: table \"audit.t\": schemas are not supported");
  schema.schema = "main";
  EXPECT_EQ(support_error(sqlite(), one(schema)), "");

  MetaData schemas;
  schemas.schemas = {"audit"};
  EXPECT_EQ(support_error(sqlite(), schemas),
            "sqlite: schema \"audit\": schemas are not supported");

  MetaData enums;
  enums.enums.push_back(EnumType{"audit", "mood", {"a"}});
  EXPECT_EQ(support_error(sqlite(), enums),
            "sqlite: enum \"audit.mood\": schemas are not supported");

  Table text_auto = id_table(TypeKind::kText);
  text_auto.columns[0].autoincrement = true;
  EXPECT_EQ(support_error(sqlite(), one(text_auto)),
            "sqlite: table \"t\": column \"id\": autoincrement needs an integer type");

  Table composite = id_table();
  composite.columns[0].autoincrement = true;
  composite.primary_key->columns.push_back("x");
  EXPECT_EQ(support_error(sqlite(), one(composite)),
            "sqlite: table \"t\": column \"id\": autoincrement needs the column to be the only "
            "primary-key column");

  Table rowid = id_table();
  rowid.columns[0].autoincrement = true;
  rowid.without_rowid = true;
  EXPECT_EQ(support_error(sqlite(), one(rowid)),
            "sqlite: table \"t\": column \"id\": autoincrement is not allowed in a WITHOUT ROWID "
            "table");

  Table no_pk = id_table();
  no_pk.primary_key.reset();
  no_pk.without_rowid = true;
  EXPECT_EQ(support_error(sqlite(), one(no_pk)),
            "sqlite: table \"t\": a WITHOUT ROWID table needs a primary key");

  Table remote = id_table();
  remote.foreign_keys.push_back(fk({"id"}, "p", {"id"}));
  remote.foreign_keys[0].ref_schema = "audit";
  EXPECT_EQ(support_error(sqlite(), one(remote)),
            "sqlite: table \"t\": foreign key to \"audit.p\": schemas are not supported");

  Table jsonb = id_table();
  jsonb.columns[1].type = type(TypeKind::kJsonb);
  EXPECT_EQ(support_error(sqlite(), one(jsonb)), "");
}

TEST(CheckSupport, PostgresMessages) {
  Table rowid = id_table();
  rowid.without_rowid = true;
  EXPECT_EQ(support_error(postgres(), one(rowid)),
            "postgresql: table \"t\": without_rowid is a SQLite option");
  Table strict = id_table();
  strict.schema = "s";
  strict.strict = true;
  EXPECT_EQ(support_error(postgres(), one(strict)),
            "postgresql: table \"s.t\": strict is a SQLite option");

  Table virt = id_table();
  virt.columns[1].computed = Computed{"lower(x)", false};
  EXPECT_EQ(support_error(postgres(), one(virt)),
            "postgresql: table \"t\": column \"x\": virtual computed columns are not supported; "
            "use stored");

  Table both = id_table();
  both.columns[0].autoincrement = true;
  both.columns[0].identity = Identity::kByDefault;
  EXPECT_EQ(
      support_error(postgres(), one(both)),
      "postgresql: table \"t\": column \"id\": autoincrement and identity exclude each other");

  Table text_identity = id_table(TypeKind::kText);
  text_identity.columns[0].identity = Identity::kAlways;
  EXPECT_EQ(support_error(postgres(), one(text_identity)),
            "postgresql: table \"t\": column \"id\": identity needs integer, smallint or bigint");

  Table text_auto = id_table(TypeKind::kVarchar);
  text_auto.columns[0].autoincrement = true;
  EXPECT_EQ(support_error(postgres(), one(text_auto)),
            "postgresql: table \"t\": column \"id\": autoincrement needs integer, smallint or "
            "bigint");

  Table defaulted = id_table();
  defaulted.columns[0].identity = Identity::kAlways;
  defaulted.columns[0].server_default = DefaultValue::literal("1");
  EXPECT_EQ(support_error(postgres(), one(defaulted)),
            "postgresql: table \"t\": column \"id\": an autoincrement or identity column cannot "
            "have a default");
}

}  // namespace
}  // namespace retort::testing

// The rich model used by the DDL tests: every type, every default kind, every constraint
// and index form, a cycle, a self-reference and names needing quoting.
#include "ddl_test_util.hpp"

namespace retort::testing {

namespace {

Table artist() {
  Table t = table(
      "artist", {column("id", type(TypeKind::kInteger), false),
                 column("name", sized(TypeKind::kVarchar, 30), false),
                 column("note", type(TypeKind::kText)), column("Mixed Case", type(TypeKind::kText)),
                 column("active", type(TypeKind::kBoolean), false)});
  t.columns[0].autoincrement = true;
  t.columns[4].server_default = DefaultValue::literal("true");
  t.primary_key = PrimaryKey{{}, {"id"}};
  t.unique_constraints = {UniqueConstraint{{}, {"name"}}};
  return t;
}

Table album(bool pg) {
  Table t =
      table("album",
            {column("id", type(TypeKind::kBigInt), false),
             column("artist_id", type(TypeKind::kInteger), false),
             column("title", type(TypeKind::kText), false), column("price", numeric(10, 2)),
             column("rating", type(TypeKind::kReal)), column("score", type(TypeKind::kDouble)),
             column("released", type(TypeKind::kDate)), column("length", type(TypeKind::kTime)),
             column("created", type(TypeKind::kTimestamp)),
             column("updated", type(TypeKind::kTimestampTz)), column("uid", type(TypeKind::kUuid)),
             column("meta", type(TypeKind::kJson)), column("meta_b", type(TypeKind::kJsonb)),
             column("cover", type(TypeKind::kBinary)),
             column("mood", named(TypeKind::kEnum, "mood"), false),
             column("code", sized(TypeKind::kChar, 2)), column("small", type(TypeKind::kSmallInt)),
             column("slug", type(TypeKind::kText)), column("title_c", type(TypeKind::kText))});
  Column* c = t.columns.data();
  if (pg) c[0].identity = Identity::kByDefault;
  c[2].server_default = DefaultValue::literal("untitled");
  c[2].comment = "The title";
  c[3].server_default = DefaultValue::literal("9.99");
  c[8].server_default = DefaultValue::expression("CURRENT_TIMESTAMP");
  c[14].server_default = DefaultValue::literal("happy");
  c[16].server_default = DefaultValue::literal("-1");
  c[17].computed = Computed{"lower(title)", true};
  c[18].collation = pg ? "C" : "NOCASE";
  t.primary_key = PrimaryKey{{}, {"id"}};
  ForeignKey to_artist = fk({"artist_id"}, "artist", {"id"});
  to_artist.on_delete = ReferentialAction::kCascade;
  t.foreign_keys = {to_artist};
  t.unique_constraints = {UniqueConstraint{"uq_album_artist_title", {"artist_id", "title"}}};
  t.check_constraints = {CheckConstraint{"ck_album_price", "price >= 0"},
                         CheckConstraint{{}, "length(title) > 0"}};
  t.indexes = {
      Index{"ix_album_title", {col_element("title")}, false, "title IS NOT NULL"},
      Index{"ix_album_lower", {expr_element("lower(title)"), col_element("id", true)}, false, ""},
      Index{"ux_album_uid", {col_element("uid")}, true, ""}};
  t.comment = "Albums";
  if (!pg) {
    t.columns.push_back(column("slug_v", type(TypeKind::kText)));
    t.columns.back().computed = Computed{"upper(title)", false};
  }
  return t;
}

Table track() {
  Table t = table("track", {column("album_id", type(TypeKind::kBigInt), false),
                            column("no", type(TypeKind::kInteger), false),
                            column("name", type(TypeKind::kText))});
  t.primary_key = PrimaryKey{"pk_track", {"album_id", "no"}};
  ForeignKey to_album = fk({"album_id"}, "album", {"id"}, "fk_track_album");
  to_album.on_delete = ReferentialAction::kRestrict;
  to_album.on_update = ReferentialAction::kCascade;
  to_album.deferrable = Deferrable::kInitiallyDeferred;
  t.foreign_keys = {to_album};
  return t;
}

// A table and column named with characters that need quoting, and a composite foreign key.
Table weird() {
  Table t = table("select", {column("we\"ird", type(TypeKind::kText)),
                             column("album_id", type(TypeKind::kBigInt)),
                             column("no", type(TypeKind::kInteger))});
  ForeignKey to_track = fk({"album_id", "no"}, "track", {"album_id", "no"}, "fk weird");
  to_track.on_delete = ReferentialAction::kSetNull;
  to_track.deferrable = Deferrable::kInitiallyImmediate;
  t.foreign_keys = {to_track};
  t.indexes = {Index{"ix select", {col_element("we\"ird")}, true, ""}};
  return t;
}

// person and team reference each other; node references itself.
std::vector<Table> cycle_and_self() {
  Table person = table("person", {column("id", type(TypeKind::kInteger), false),
                                  column("team_id", type(TypeKind::kInteger))});
  person.primary_key = PrimaryKey{{}, {"id"}};
  ForeignKey to_team = fk({"team_id"}, "team", {"id"});
  to_team.deferrable = Deferrable::kInitiallyDeferred;
  person.foreign_keys = {to_team};
  Table team = table("team", {column("id", type(TypeKind::kInteger), false),
                              column("captain_id", type(TypeKind::kInteger))});
  team.primary_key = PrimaryKey{{}, {"id"}};
  team.foreign_keys = {fk({"captain_id"}, "person", {"id"}, "fk_team_captain")};
  Table node = table("node", {column("id", type(TypeKind::kInteger), false),
                              column("parent_id", type(TypeKind::kInteger))});
  node.primary_key = PrimaryKey{{}, {"id"}};
  node.foreign_keys = {fk({"parent_id"}, "node", {"id"})};
  return {person, team, node};
}

Table audit_log() {
  Table t = table("log",
                  {column("id", type(TypeKind::kInteger), false),
                   column("level", named(TypeKind::kEnum, "level")),
                   column("artist_id", type(TypeKind::kInteger))},
                  "audit");
  t.columns[0].identity = Identity::kAlways;
  t.primary_key = PrimaryKey{"pk_log", {"id"}};
  t.foreign_keys = {fk({"artist_id"}, "artist", {"id"})};
  t.indexes = {Index{"ix_log_level", {col_element("level")}, false, ""}};
  t.comment = "Audit log";
  return t;
}

Table kv() {
  Table t = table("kv", {column("key", type(TypeKind::kText), false),
                         column("value", type(TypeKind::kInteger))});
  t.primary_key = PrimaryKey{{}, {"key"}};
  t.without_rowid = true;
  t.strict = true;
  return t;
}

}  // namespace

MetaData rich_model(bool for_postgres) {
  MetaData m;
  m.enums.push_back(EnumType{{}, "mood", {"happy", "sad", "it's ok"}});
  // Declared children first, so that sort_tables has work to do.
  m.tables = {weird(), track(), album(for_postgres), artist()};
  for (Table& t : cycle_and_self()) m.tables.push_back(std::move(t));
  if (for_postgres) {
    m.schemas = {"audit"};
    m.enums.push_back(EnumType{"audit", "level", {"low", "high"}});
    m.tables.push_back(audit_log());
  } else {
    m.tables.push_back(kv());
  }
  return m;
}

}  // namespace retort::testing

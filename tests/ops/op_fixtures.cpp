#include "op_fixtures.hpp"

#include "retort/models_file.hpp"

namespace retort::testing {

MetaData sample_model() {
  return parse_models(R"(
enums:
  mood: [happy, sad]
  unused: [a, b]
tables:
  artist:
    columns:
      id: {type: integer, primary_key: true}
      name: {type: varchar(30), nullable: false}
  track:
    columns:
      id: {type: integer, primary_key: true}
      title: {type: text, nullable: false}
      artist_id: {type: integer}
      producer_id: {type: integer}
      rating: {type: integer, default: "0"}
      mood: enum(mood)
    foreign_keys:
      - {name: fk_track_artist, columns: [artist_id], references: {table: artist, columns: [id]}, on_delete: cascade}
    indexes:
      - {name: ix_track_title, columns: [title]}
  tag:
    columns:
      name: {type: text, nullable: false}
)");
}

namespace {

Column column(std::string name, std::string type, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = Type::parse(type);
  c.nullable = nullable;
  return c;
}

const TableRef kTrack{"", "track"};

ops::AlterColumn alter_rating() {
  ops::AlterColumn o;
  o.table = kTrack;
  o.column = "rating";
  o.type = Change<Type>{Type::parse("integer"), Type::parse("bigint")};
  o.nullable = Change<bool>{true, false};
  o.server_default =
      Change<std::optional<DefaultValue>>{DefaultValue::literal("0"), DefaultValue::literal("5")};
  return o;
}

ops::AlterColumn alter_title_type() {
  ops::AlterColumn o;
  o.table = kTrack;
  o.column = "title";
  o.type = Change<Type>{Type::parse("text"), Type::parse("varchar(200)")};
  return o;
}

}  // namespace

std::vector<SampleOp> sample_ops() {
  const MetaData model = sample_model();
  Table label;
  label.name = "label";
  label.columns = {column("id", "integer", false), column("name", "text")};
  label.primary_key = PrimaryKey{"", {"id"}};
  label.indexes = {Index{"ix_label_name", {{"name", "", false}}, false, ""}};
  Column plays = column("plays", "integer", false);
  plays.server_default = DefaultValue::literal("0");
  Column added = column("added", "timestamp");
  added.server_default = DefaultValue::expression("CURRENT_TIMESTAMP");
  Column rating = *model.find_table("track")->find_column("rating");
  Column title = *model.find_table("track")->find_column("title");
  const ForeignKey fk_artist = model.find_table("track")->foreign_keys[0];
  const ForeignKey fk_producer{"fk_track_producer", {"producer_id"}, "", "artist", {"id"}};
  return {
      {"create_table", ops::CreateTable{label}},
      {"drop_table", ops::DropTable{*model.find_table("tag"), true}},
      {"rename_table", ops::RenameTable{{"", "artist"}, "performer"}},
      {"add_column", ops::AddColumn{kTrack, column("year", "integer")}},
      {"add_column_not_null", ops::AddColumn{kTrack, plays}},
      {"add_column_expression_default", ops::AddColumn{kTrack, added}},
      {"drop_column", ops::DropColumn{kTrack, rating, true}},
      {"drop_column_indexed", ops::DropColumn{kTrack, title, true}},
      {"alter_column", alter_rating()},
      {"alter_column_type", alter_title_type()},
      {"rename_column", ops::RenameColumn{kTrack, "title", "name"}},
      {"create_index",
       ops::CreateIndex{kTrack,
                        Index{"ix_track_rating", {{"rating", "", true}}, false, "rating > 0"}}},
      {"drop_index", ops::DropIndex{kTrack, model.find_table("track")->indexes[0], true}},
      {"create_unique_constraint",
       ops::CreateUniqueConstraint{kTrack, {"uq_track_title", {"title"}}}},
      {"create_foreign_key", ops::CreateForeignKey{kTrack, fk_producer}},
      {"create_check_constraint",
       ops::CreateCheckConstraint{kTrack, {"ck_track_rating", "rating >= 0"}}},
      {"drop_constraint", ops::DropConstraint{kTrack, "fk_track_artist", fk_artist}},
      {"create_primary_key", ops::CreatePrimaryKey{{"", "tag"}, {"pk_tag", {"name"}}}},
      {"drop_primary_key", ops::DropPrimaryKey{kTrack, {"", {"id"}}, true}},
      {"set_table_comment", ops::SetTableComment{kTrack, {std::string(), "Songs"}}},
      {"set_column_comment", ops::SetColumnComment{kTrack, "title", {std::string(), "Title"}}},
      {"create_enum", ops::CreateEnum{EnumType{"", "color", {"red", "green"}}}},
      {"drop_enum", ops::DropEnum{*model.find_enum("unused"), true}},
      {"add_enum_value", ops::AddEnumValue{"", "mood", "angry", "", "happy"}},
      {"remove_enum_value", ops::RemoveEnumValue{"", "mood", "sad", "", "happy"}},
      {"rename_enum", ops::RenameEnum{"", "mood", "feeling"}},
      {"create_schema", ops::CreateSchema{"audit"}},
      {"execute", ops::Execute{{"UPDATE track SET rating = 1", {}},
                               SqlText{"UPDATE track SET rating = 0", {}}}},
      {"bulk_insert",
       ops::BulkInsert{{"", "artist"},
                       {"id"},
                       {{{"id", "10"}, {"name", "Nina"}}, {{"id", "11"}, {"name", "Ann"}}}}},
  };
}

}  // namespace retort::testing

// render_erd and erd_command: key markers, cardinalities, quoting of awkward names, the DOT
// form, images through Graphviz, and the message when Graphviz is missing.
#include <gtest/gtest.h>

#include "retort/command_tools.hpp"
#include "retort/error.hpp"
#include "retort/models_file.hpp"
#include "support/test_support.hpp"

namespace retort {
namespace {
using testing::write_file;

const char* const kCatalogue =
    "tables:\n"
    "  track:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      title: {type: varchar(200), nullable: false}\n"
    "      artist_id: {type: integer, nullable: false, references: artist.id, on_delete: "
    "cascade}\n"
    "      album_id: {type: integer, references: album.id}\n"
    "  artist:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      name: {type: varchar(30), nullable: false, unique: true}\n"
    "  album:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      price: numeric(10, 2)\n"
    "  profile:\n"
    "    columns:\n"
    "      id: {type: integer, primary_key: true}\n"
    "      artist_id: {type: integer, nullable: false, unique: true, references: artist.id}\n"
    "  track_tag:\n"
    "    columns:\n"
    "      track_id: {type: integer, primary_key: true, references: track.id}\n"
    "      tag: {type: text, primary_key: true}\n";

TEST(Erd, MermaidShowsKeysAndCardinalities) {
  EXPECT_EQ(render_erd(parse_models(kCatalogue), ErdFormat::kMermaid),
            "erDiagram\n"
            "    album {\n"
            "        integer id PK\n"
            "        numeric(10_2) price\n"
            "    }\n"
            "    artist {\n"
            "        integer id PK\n"
            "        varchar(30) name UK\n"
            "    }\n"
            "    profile {\n"
            "        integer id PK\n"
            "        integer artist_id FK, UK\n"
            "    }\n"
            "    track {\n"
            "        integer id PK\n"
            "        varchar(200) title\n"
            "        integer artist_id FK\n"
            "        integer album_id FK\n"
            "    }\n"
            "    track_tag {\n"
            "        integer track_id PK, FK\n"
            "        text tag PK\n"
            "    }\n"
            "    profile |o--|| artist : \"artist_id\"\n"
            "    track }o--|| artist : \"artist_id\"\n"
            "    track }o--o| album : \"album_id\"\n"
            "    track_tag }o--|| track : \"track_id\"\n");
}

TEST(Erd, AwkwardNamesAreQuotedNotBroken) {
  const MetaData model = parse_models(
      "tables:\n"
      "  \"my \\\"odd\\\" table\":\n"
      "    columns:\n"
      "      \"first name\": {type: text, primary_key: true}\n"
      "  plain:\n"
      "    columns:\n"
      "      ref: {type: text, references: \"my \\\"odd\\\" table.first name\"}\n");
  EXPECT_EQ(render_erd(model, ErdFormat::kMermaid),
            "erDiagram\n"
            "    e1[\"my #quot;odd#quot; table\"] {\n"
            "        text first_name PK \"first name\"\n"
            "    }\n"
            "    plain {\n"
            "        text ref FK\n"
            "    }\n"
            "    plain }o--o| e1 : \"ref\"\n");
  const std::string dot = render_erd(model, ErdFormat::kDot);
  EXPECT_NE(dot.find("\"my \\\"odd\\\" table\" [label=<"), std::string::npos) << dot;
  EXPECT_NE(dot.find("<B>my &quot;odd&quot; table</B>"), std::string::npos) << dot;
  EXPECT_NE(dot.find("\"plain\" -> \"my \\\"odd\\\" table\" [label=\"ref\""), std::string::npos)
      << dot;
}

TEST(Erd, DotIsDeterministicAndHasOneEdgePerForeignKey) {
  const MetaData model = parse_models(kCatalogue);
  const std::string dot = render_erd(model, ErdFormat::kDot);
  EXPECT_EQ(dot, render_erd(parse_models(kCatalogue), ErdFormat::kDot));
  EXPECT_EQ(dot.rfind("digraph erd {\n", 0), 0u);
  EXPECT_NE(dot.find("\"profile\" -> \"artist\" [label=\"artist_id\", arrowtail=teeodot, "
                     "arrowhead=teetee];"),
            std::string::npos)
      << dot;
  EXPECT_NE(dot.find("\"track\" -> \"album\" [label=\"album_id\", arrowtail=crowodot, "
                     "arrowhead=teeodot];"),
            std::string::npos);
  std::size_t edges = 0;
  for (std::size_t at = dot.find(" -> "); at != std::string::npos; at = dot.find(" -> ", at + 1))
    ++edges;
  EXPECT_EQ(edges, 4u);
}

class ErdCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_ / "retort.yaml", "database_url: sqlite:///app.db\n");
    write_file(dir_ / "models/schema.yaml", kCatalogue);
  }
  ErdCommandOptions options() const {
    ErdCommandOptions out;
    out.project.working_directory = dir_.path();
    return out;
  }
  testing::TempDir dir_;
};

TEST_F(ErdCommandTest, DefaultsToTheModelsFileAsMermaid) {
  const ErdCommandResult result = erd_command(options());
  EXPECT_EQ(result.text, render_erd(parse_models(kCatalogue), ErdFormat::kMermaid));
  EXPECT_FALSE(result.written);
}

TEST_F(ErdCommandTest, WritesDotByExtensionAndRendersSvg) {
  ErdCommandOptions dot = options();
  dot.output = "erd.dot";
  EXPECT_EQ(erd_command(dot).written, dir_ / "erd.dot");
  EXPECT_EQ(testing::read_file(dir_ / "erd.dot"),
            render_erd(parse_models(kCatalogue), ErdFormat::kDot));

  ErdCommandOptions svg = options();
  svg.output = "erd.svg";
  erd_command(svg);
  const std::string image = testing::read_file(dir_ / "erd.svg");
  EXPECT_NE(image.find("<svg"), std::string::npos);
  EXPECT_NE(image.find("track_tag"), std::string::npos);
  // Nothing else is left beside it.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    files += entry.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 3u);  // retort.yaml, erd.dot, erd.svg
}

TEST_F(ErdCommandTest, SaysHowToInstallGraphvizWhenDotIsMissing) {
  ErdCommandOptions png = options();
  png.output = "erd.png";
  png.dot_program = "retort-test-no-such-dot";
  try {
    erd_command(png);
    FAIL() << "no error";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("install graphviz (apt-get install graphviz"),
              std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "erd.png"));
}

TEST_F(ErdCommandTest, MermaidCannotBeAnImage) {
  ErdCommandOptions svg = options();
  svg.output = "erd.svg";
  svg.format = ErdFormat::kMermaid;
  EXPECT_THROW(erd_command(svg), UsageError);
}

}  // namespace
}  // namespace retort

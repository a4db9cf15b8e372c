// render_erd: a model as a Mermaid erDiagram or a Graphviz DOT graph. Both come from one
// description of the diagram (entities with marked columns, and one relationship per foreign
// key), so the two formats always show the same thing.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "retort/command_tools.hpp"

namespace retort {
namespace {

struct ErdColumn {
  std::string name;
  std::string type;
  std::vector<std::string> keys;  // "PK", "FK", "UK"
};

struct ErdEntity {
  std::string name;  // "schema.table" outside the default schema
  std::vector<ErdColumn> columns;
};

struct ErdRelationship {
  std::string child;
  std::string parent;
  std::string label;     // the foreign key's name, else its columns
  bool one_to_one;       // the key's columns are unique in the child
  bool parent_optional;  // some key column is nullable
};

using ColumnSet = std::set<std::string>;

// Column sets that are unique in `table`: its primary key, unique constraints and full unique
// indexes on plain columns.
std::vector<ColumnSet> unique_sets(const Table& table) {
  std::vector<ColumnSet> sets;
  if (table.primary_key) {
    sets.emplace_back(table.primary_key->columns.begin(), table.primary_key->columns.end());
  }
  for (const UniqueConstraint& u : table.unique_constraints) {
    sets.emplace_back(u.columns.begin(), u.columns.end());
  }
  for (const Index& index : table.indexes) {
    if (!index.unique || !index.where.empty()) continue;
    ColumnSet set;
    for (const IndexElement& e : index.elements) {
      if (e.column.empty()) set.clear();
      if (e.column.empty()) break;
      set.insert(e.column);
    }
    if (!set.empty()) sets.push_back(std::move(set));
  }
  return sets;
}

ErdEntity entity_of(const Table& table, const std::vector<ColumnSet>& unique) {
  ErdEntity entity{table.display_name(), {}};
  for (const Column& column : table.columns) {
    ErdColumn c{column.name, column.type.to_string(), {}};
    auto in = [&](const std::vector<std::string>& cols) {
      return std::find(cols.begin(), cols.end(), column.name) != cols.end();
    };
    if (table.primary_key && in(table.primary_key->columns)) c.keys.push_back("PK");
    if (std::any_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                    [&](const ForeignKey& fk) { return in(fk.columns); })) {
      c.keys.push_back("FK");
    }
    const bool is_pk = !c.keys.empty() && c.keys.front() == "PK";
    if (!is_pk && std::any_of(unique.begin(), unique.end(),
                              [&](const ColumnSet& s) { return s.count(column.name) > 0; })) {
      c.keys.push_back("UK");
    }
    entity.columns.push_back(std::move(c));
  }
  return entity;
}

ErdRelationship relationship_of(const Table& table, const ForeignKey& fk,
                                const std::vector<ColumnSet>& unique) {
  std::string columns;
  bool optional = false;
  for (const std::string& name : fk.columns) {
    columns += (columns.empty() ? "" : ", ") + name;
    const Column* column = table.find_column(name);
    optional = optional || (column && column->nullable);
  }
  const ColumnSet key(fk.columns.begin(), fk.columns.end());
  const bool one_to_one = std::find(unique.begin(), unique.end(), key) != unique.end();
  Table parent;
  parent.schema = fk.ref_schema;
  parent.name = fk.ref_table;
  return {table.display_name(), parent.display_name(), fk.name.empty() ? columns : fk.name,
          one_to_one, optional};
}

struct Diagram {
  std::vector<ErdEntity> entities;
  std::vector<ErdRelationship> relationships;
};

Diagram diagram_of(const MetaData& metadata) {
  std::vector<const Table*> tables;
  for (const Table& table : metadata.tables) tables.push_back(&table);
  std::sort(tables.begin(), tables.end(), [](const Table* a, const Table* b) {
    return std::tie(a->schema, a->name) < std::tie(b->schema, b->name);
  });
  Diagram diagram;
  for (const Table* table : tables) {
    const std::vector<ColumnSet> unique = unique_sets(*table);
    diagram.entities.push_back(entity_of(*table, unique));
    for (const ForeignKey& fk : table->foreign_keys) {
      diagram.relationships.push_back(relationship_of(*table, fk, unique));
    }
  }
  return diagram;
}

// ---- Mermaid ---------------------------------------------------------------------------

bool is_word(const std::string& text) {
  if (text.empty() || !(std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_')) {
    return false;
  }
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

// Text inside Mermaid double quotes: `"` cannot be escaped with a backslash there, so it
// becomes Mermaid's entity code.
std::string mermaid_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// An attribute type or name: letters, digits, '_', '-', and (for types) parentheses; other
// characters become '_' (a type's spaces are dropped).
std::string mermaid_word(const std::string& text, bool type) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
        (type && (c == '(' || c == ')'))) {
      out += c;
    } else if (!type || c != ' ') {  // "numeric(10, 2)" -> numeric(10_2)
      out += '_';
    }
  }
  if (out.empty() || !std::isalpha(static_cast<unsigned char>(out[0]))) out = "x" + out;
  return out;
}

std::string render_mermaid(const Diagram& diagram) {
  // Entity ids: the name when it is a plain word, else e<N> with the name as its alias.
  std::map<std::string, std::string> ids;
  for (std::size_t i = 0; i < diagram.entities.size(); ++i) {
    const std::string& name = diagram.entities[i].name;
    ids[name] = is_word(name) ? name : "e" + std::to_string(i + 1);
  }
  std::string out = "erDiagram\n";
  for (const ErdEntity& entity : diagram.entities) {
    const std::string& id = ids[entity.name];
    out +=
        "    " + id + (id == entity.name ? "" : "[" + mermaid_string(entity.name) + "]") + " {\n";
    for (const ErdColumn& column : entity.columns) {
      const std::string name = mermaid_word(column.name, false);
      out += "        " + mermaid_word(column.type, true) + " " + name;
      std::string keys;
      for (const std::string& key : column.keys) keys += (keys.empty() ? " " : ", ") + key;
      out += keys;
      if (name != column.name) out += " " + mermaid_string(column.name);
      out += "\n";
    }
    out += "    }\n";
  }
  for (const ErdRelationship& r : diagram.relationships) {
    const std::string parent = ids.count(r.parent) ? ids[r.parent] : mermaid_string(r.parent);
    out += "    " + ids[r.child] + " " + (r.one_to_one ? "|o" : "}o") + "--" +
           (r.parent_optional ? "o|" : "||") + " " + parent + " : " + mermaid_string(r.label) +
           "\n";
  }
  return out;
}

// ---- DOT -------------------------------------------------------------------------------

std::string dot_id(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

std::string html(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_dot(const Diagram& diagram) {
  std::string out =
      "digraph erd {\n    graph [rankdir=LR];\n    node [shape=plaintext, "
      "fontname=\"Helvetica\"];\n"
      "    edge [dir=both, fontname=\"Helvetica\", fontsize=10];\n";
  for (const ErdEntity& entity : diagram.entities) {
    out += "    " + dot_id(entity.name) +
           " [label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\">\n" +
           "        <TR><TD COLSPAN=\"3\" BGCOLOR=\"lightgrey\"><B>" + html(entity.name) +
           "</B></TD></TR>\n";
    for (const ErdColumn& column : entity.columns) {
      std::string keys;
      for (const std::string& key : column.keys) keys += (keys.empty() ? "" : ", ") + key;
      out += "        <TR><TD ALIGN=\"LEFT\">" + html(column.name) + "</TD><TD ALIGN=\"LEFT\">" +
             html(column.type) + "</TD><TD>" + keys + "</TD></TR>\n";
    }
    out += "    </TABLE>>];\n";
  }
  for (const ErdRelationship& r : diagram.relationships) {
    out += "    " + dot_id(r.child) + " -> " + dot_id(r.parent) + " [label=" + dot_id(r.label) +
           ", arrowtail=" + (r.one_to_one ? "teeodot" : "crowodot") +
           ", arrowhead=" + (r.parent_optional ? "teeodot" : "teetee") + "];\n";
  }
  return out + "}\n";
}

}  // namespace

std::string render_erd(const MetaData& metadata, ErdFormat format) {
  const Diagram diagram = diagram_of(metadata);
  return format == ErdFormat::kDot ? render_dot(diagram) : render_mermaid(diagram);
}

}  // namespace retort

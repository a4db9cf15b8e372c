// The revision graph: a DAG of revisions built in memory, with no I/O (the files are read by
// load_revisions, revision.hpp). It answers what `heads`, `history`, `branches` and `show`
// print, resolves targets in Alembic's grammar, and computes the ordered steps of an upgrade
// or a downgrade. The rules are written out in docs/revisions.md.
//
//   retort::ScriptDirectory scripts = retort::ScriptDirectory::load("migrations");
//   const retort::RevisionGraph& graph = scripts.graph();
//   for (const auto& step : graph.upgrade_steps(current_heads, "head")) { ... }
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retort/error.hpp"
#include "retort/revision.hpp"

namespace retort {

// Every error about the graph or a target is a RevisionError. They are InputErrors (exit
// code 2): the graph comes from the user's files and the targets from what they typed.
// Errors about one file carry its path as the location.
class RevisionError : public InputError {
 public:
  using InputError::InputError;
};

// The down_revision / depends_on links form a cycle; revisions() lists it in link order.
class CycleError : public RevisionError {
 public:
  CycleError(SourceLocation where, std::vector<std::string> cycle);
  const std::vector<std::string>& revisions() const { return revisions_; }

 private:
  std::vector<std::string> revisions_;
};

// No revision or branch label is named `name` (a target, a down_revision, a depends_on, or a
// version-table row).
class UnknownRevisionError : public RevisionError {
 public:
  UnknownRevisionError(SourceLocation where, std::string name, const std::string& message);
  const std::string& name() const { return name_; }

 private:
  std::string name_;
};

// A prefix or a walk matches several revisions; candidates() lists them.
class AmbiguousRevisionError : public RevisionError {
 public:
  AmbiguousRevisionError(std::string name, std::vector<std::string> candidates,
                         const std::string& message);
  const std::string& name() const { return name_; }
  const std::vector<std::string>& candidates() const { return candidates_; }

 private:
  std::string name_;
  std::vector<std::string> candidates_;
};

// One head is needed ("head", "label@head", a relative step) but there are several.
class MultipleHeadsError : public RevisionError {
 public:
  MultipleHeadsError(std::vector<std::string> heads, const std::string& message);
  const std::vector<std::string>& heads() const { return heads_; }

 private:
  std::vector<std::string> heads_;
};

// A target or range whose ends are not in one line of descent: a downgrade target that is
// not applied, a range A:B where A is not an ancestor of B, a relative step that runs past a
// base or a head.
class NotAncestorError : public RevisionError {
 public:
  using RevisionError::RevisionError;
};

enum class MigrationDirection { kUpgrade, kDowngrade };

// One revision to run. The version table holds the "current heads": the applied revisions
// that no other applied revision follows (by down_revision or depends_on). Each step says
// how that set changes, so the runtime can update the table row by row.
struct MigrationStep {
  std::string revision;
  MigrationDirection direction = MigrationDirection::kUpgrade;
  std::vector<std::string> removed_heads;  // rows to delete (or to update)
  std::vector<std::string> added_heads;    // rows to insert
  bool operator==(const MigrationStep&) const = default;
};

// "A:B" as written: an empty lower means base, an empty upper means heads.
struct RevisionRange {
  std::string lower;
  std::string upper;
  bool operator==(const RevisionRange&) const = default;
};

// What history, heads, branches, show and current print about one revision.
struct HistoryEntry {
  std::string id;
  std::vector<std::string> down_revisions;
  std::vector<std::string> depends_on;
  std::vector<std::string> children;       // revisions whose down_revision names this one
  std::vector<std::string> dependents;     // revisions whose depends_on names this one
  std::vector<std::string> branch_labels;  // propagated, sorted
  std::string message;
  std::string created;
  std::filesystem::path path;
  bool is_head = false;          // "(head)": no children
  bool is_base = false;          // no down_revision
  bool is_branch_point = false;  // "(branchpoint)": several children
  bool is_merge_point = false;   // "(mergepoint)": several down_revisions
  bool is_current = false;       // "(current)": one of the given current heads
  bool operator==(const HistoryEntry&) const = default;
};

class RevisionGraph {
 public:
  // The empty graph: no revisions; "head" and "base" both resolve to base.
  RevisionGraph() = default;
  // Validates and indexes `revisions`. Throws RevisionError for an invalid or duplicate id
  // or label, UnknownRevisionError / AmbiguousRevisionError for a down_revision or
  // depends_on that names nothing or several revisions, CycleError for a cycle.
  explicit RevisionGraph(std::vector<Revision> revisions);

  std::size_t size() const { return revisions_.size(); }
  bool empty() const { return revisions_.empty(); }
  // Every revision in topological order: each after its down_revisions and depends_on;
  // branches stay contiguous. depends_on holds full ids.
  const std::vector<Revision>& revisions() const { return revisions_; }
  bool contains(std::string_view id) const { return find_index(id) >= 0; }
  // Throws UnknownRevisionError when the version table's `current` names a revision the
  // script directory does not have (its file deleted or renamed after it was applied).
  void check_current(const std::vector<std::string>& current) const {
    (void)current_indices(current);
  }
  // The revision with exactly this id; UnknownRevisionError when there is none.
  const Revision& get(std::string_view id) const;

  // Ids, each list in topological order.
  std::vector<std::string> heads() const;          // no revision follows by down_revision
  std::vector<std::string> bases() const;          // no down_revision
  std::vector<std::string> branch_points() const;  // several children
  std::vector<std::string> merge_points() const;   // several down_revisions
  std::vector<std::string> children(std::string_view id) const;
  std::vector<std::string> dependents(std::string_view id) const;
  // Strict ancestors / descendants of the given revisions (following depends_on too when
  // `include_dependencies`), in topological order.
  std::vector<std::string> ancestors(const std::vector<std::string>& ids,
                                     bool include_dependencies = true) const;
  std::vector<std::string> descendants(const std::vector<std::string>& ids,
                                       bool include_dependencies = true) const;
  // True when `ancestor` comes strictly before `descendant` by down_revision / depends_on.
  bool is_ancestor(std::string_view ancestor, std::string_view descendant) const;
  // Branch labels of `id`: its own, those of its ancestors that reach it, and those of its
  // descendants down to the nearest branch point or merge point (Alembic's propagation).
  std::vector<std::string> branch_labels(std::string_view id) const;

  // ---- targets (targets.cpp) -------------------------------------------------------------
  // Resolves a target to the revisions it names: a full id, a unique id prefix, a branch
  // label, "head", "heads", "base" (no revision), "+N" / "-N" (relative to `current`),
  // "REV+N", "REV-N", "label@head", "label@heads", "label@base", "label@REV", "label@+N".
  std::vector<std::string> resolve(std::string_view target,
                                   const std::vector<std::string>& current = {}) const;
  // The one revision `text` names exactly or by unique prefix or label; no keywords.
  std::string resolve_id(std::string_view text) const;
  // Splits "A:B"; throws UsageError when `text` has no ':' or more than one.
  static RevisionRange parse_range(std::string_view text);

  // ---- steps (steps.cpp) -----------------------------------------------------------------
  // Upgrade from the version table's `current` heads to `target`: every revision the target
  // needs (ancestors and depends_on) that is not applied yet, in topological order. A target
  // that is already applied gives no steps.
  std::vector<MigrationStep> upgrade_steps(const std::vector<std::string>& current,
                                           std::string_view target) const;
  // Downgrade from `current` to `target`: the applied revisions that descend from the
  // target's children (and what depends on them), newest first. The target must be applied.
  std::vector<MigrationStep> downgrade_steps(const std::vector<std::string>& current,
                                             std::string_view target) const;
  // Offline mode: "A:B" or "B" (from base) upgrades; A must be an ancestor of B.
  std::vector<MigrationStep> upgrade_range_steps(std::string_view range) const;
  // Offline mode: "A:B" downgrades from A to B; B must be an ancestor of A.
  std::vector<MigrationStep> downgrade_range_steps(std::string_view range) const;
  // The version table after `stamp target` from `current` without running anything: each
  // target replaces the current heads in its line of descent; "base" clears the table.
  std::vector<std::string> stamp_heads(const std::vector<std::string>& current,
                                       std::string_view target) const;

  // ---- history (history.cpp) -------------------------------------------------------------
  HistoryEntry entry(std::string_view id, const std::vector<std::string>& current = {}) const;
  // Newest first. `range` is "", "A:B", "A:" or ":B"; its ends may be any target, or
  // "current" (the given current heads). A must be an ancestor of B.
  std::vector<HistoryEntry> history(std::string_view range = "",
                                    const std::vector<std::string>& current = {}) const;
  std::vector<HistoryEntry> head_entries(const std::vector<std::string>& current = {}) const;
  std::vector<HistoryEntry> branch_entries(const std::vector<std::string>& current = {}) const;
  // The revisions `target` resolves to ("heads" gives several).
  std::vector<HistoryEntry> show(std::string_view target,
                                 const std::vector<std::string>& current = {}) const;

 private:
  using Index = int;
  using Indices = std::vector<Index>;
  Index find_index(std::string_view id) const;
  Index index_of(std::string_view id) const;  // throws UnknownRevisionError
  Indices closure(const Indices& start, bool upward, bool include_dependencies,
                  bool include_start) const;
  std::vector<std::string> ids_of(const Indices& indices) const;
  Indices prefix_matches(std::string_view prefix) const;
  Index declaring_revision(std::string_view label) const;  // -1 when not a label
  void build(std::vector<Revision> revisions);
  void index_names();
  void resolve_links();
  Indices topological_order() const;
  void reorder(const Indices& order);
  void propagate_labels();

  // targets.cpp
  Indices resolve_indices(std::string_view target, const Indices& current) const;
  Index resolve_one(std::string_view text) const;
  Indices lineage(Index of) const;
  Indices filter_lineage(const Indices& of, std::string_view label) const;
  Indices resolve_relative(std::string_view label, std::string_view symbol, int steps,
                           const Indices& current, std::string_view target) const;
  Index walk(Index start, int steps, std::string_view label, std::string_view target) const;
  Indices current_indices(const std::vector<std::string>& current) const;
  Indices downgrade_roots(std::string_view target, const Indices& current,
                          Index& target_index) const;

  // steps.cpp
  std::vector<MigrationStep> upgrade_from(const Indices& current, const Indices& targets) const;
  std::vector<MigrationStep> downgrade_from(const Indices& current, const Indices& roots,
                                            Index target) const;

  // history.cpp
  HistoryEntry entry_at(Index index, const Indices& current) const;

  std::vector<Revision> revisions_;  // topological order
  std::vector<Indices> down_;        // down_revisions
  std::vector<Indices> deps_;        // depends_on
  std::vector<Indices> children_;    // inverse of down_
  std::vector<Indices> dependents_;  // inverse of deps_
  Indices by_id_;                    // indices sorted by id, for exact and prefix lookups
  std::vector<std::pair<std::string, Index>> labels_;  // sorted declared label -> revision
  std::vector<std::vector<std::string>> propagated_labels_;
};

// A project's script directory: its revision files loaded and their graph built.
class ScriptDirectory {
 public:
  // Loads `<script_location>/versions/*.yaml` (load_revisions) and builds the graph.
  static ScriptDirectory load(const std::filesystem::path& script_location,
                              const LoadRevisionsOptions& options = {});
  const std::filesystem::path& location() const { return location_; }
  std::filesystem::path versions_dir() const { return location_ / "versions"; }
  const RevisionGraph& graph() const { return graph_; }

 private:
  std::filesystem::path location_;
  RevisionGraph graph_;
};

}  // namespace retort

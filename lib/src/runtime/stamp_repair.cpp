// stamp (the version rows without running anything) and the checksum repair (re-recording
// the checksum of reviewed, changed applied revisions). Both only touch the bookkeeping tables,
// under the migration lock.
#include <algorithm>
#include <map>

#include "retort/error.hpp"
#include "runtime/runtime_internal.hpp"

namespace retort {
namespace {

using detail::RunTransaction;

ChecksumChange change_of(const RevisionGraph& graph, const LogEntry& entry) {
  const Revision& revision = graph.get(entry.revision);
  return {entry.revision, revision.path, entry.checksum, revision.checksum, entry.started_at};
}

// The newest log row of each of `ids`, which must be applied (ancestors-or-self of `heads`)
// and logged with an upgrade.
std::vector<LogEntry> listed_log_entries(Connection& conn, const RevisionGraph& graph,
                                         const std::vector<std::string>& ids,
                                         const std::vector<std::string>& heads,
                                         const RuntimeOptions& options) {
  std::map<std::string, LogEntry> last;
  for (LogEntry& entry : read_log(conn, options)) last[entry.revision] = std::move(entry);
  std::vector<std::string> applied = graph.ancestors(heads);
  applied.insert(applied.end(), heads.begin(), heads.end());
  std::vector<LogEntry> out;
  for (const std::string& id : ids) {
    if (std::find(applied.begin(), applied.end(), id) == applied.end()) {
      throw InputError(SourceLocation{detail::file_of(graph.get(id)), 0, 0},
                       "revision " + id +
                           " is not applied; only applied revisions have a "
                           "checksum to repair");
    }
    auto it = last.find(id);
    if (it == last.end() || it->second.direction != MigrationDirection::kUpgrade) {
      throw InputError(SourceLocation{detail::file_of(graph.get(id)), 0, 0},
                       "revision " + id +
                           " has no upgrade in the log (stamped, or applied by "
                           "another tool): there is no checksum to repair");
    }
    out.push_back(it->second);
  }
  return out;
}

// `ids` resolved to full ids, without duplicates, in topological order.
std::vector<std::string> resolve_ids(const RevisionGraph& graph,
                                     const std::vector<std::string>& names) {
  std::vector<std::string> wanted;
  for (const std::string& name : names) wanted.push_back(graph.resolve_id(name));
  std::vector<std::string> ordered;
  for (const Revision& r : graph.revisions()) {
    if (std::find(wanted.begin(), wanted.end(), r.id) != wanted.end()) ordered.push_back(r.id);
  }
  return ordered;
}

}  // namespace

MigrationRunResult stamp(Connection& conn, const RevisionGraph& graph,
                         const std::vector<std::string>& targets, const RuntimeOptions& options,
                         bool purge) {
  detail::SessionLock lock(conn, options);
  RunTransaction tx(conn, options);
  tx.begin();
  detail::ensure_runtime_tables(conn, options);
  MigrationRunResult result;
  result.heads_before = detail::read_heads(conn, options);
  std::vector<std::string> heads = purge ? std::vector<std::string>{} : result.heads_before;
  for (const std::string& target : targets) heads = graph.stamp_heads(heads, target);
  if (purge) {
    SqlBuilder sql(conn.dialect());
    sql.sql("DELETE FROM ").ident(options.version_table);
    conn.execute(sql.str());
    detail::update_heads(conn, options, {}, heads);
  } else {
    detail::update_heads(conn, options, result.heads_before, heads);
  }
  tx.commit();
  std::sort(heads.begin(), heads.end());
  result.heads_after = heads;
  return result;
}

std::vector<ChecksumChange> changed_checksums(Connection& conn, const RevisionGraph& graph,
                                              const RuntimeOptions& options) {
  std::vector<ChecksumChange> out;
  const std::vector<std::string> heads = current_heads(conn, options);
  for (const LogEntry& entry : detail::changed_log_entries(conn, graph, heads, options)) {
    out.push_back(change_of(graph, entry));
  }
  return out;
}

std::vector<ChecksumChange> repair_checksums(Connection& conn, const RevisionGraph& graph,
                                             const std::vector<std::string>& revisions,
                                             const RuntimeOptions& options) {
  const std::vector<std::string> ids = resolve_ids(graph, revisions);
  detail::SessionLock lock(conn, options);
  RunTransaction tx(conn, options);
  tx.begin();
  detail::ensure_runtime_tables(conn, options);
  const std::vector<std::string> heads = detail::read_heads(conn, options);
  const std::vector<LogEntry> entries =
      revisions.empty() ? detail::changed_log_entries(conn, graph, heads, options)
                        : listed_log_entries(conn, graph, ids, heads, options);
  std::vector<ChecksumChange> repaired;
  for (const LogEntry& entry : entries) {
    repaired.push_back(change_of(graph, entry));
    if (repaired.back().recorded == repaired.back().current) continue;
    SqlBuilder sql(conn.dialect());
    sql.sql("UPDATE ")
        .ident(log_table_name(options.version_table))
        .sql(" SET checksum = ")
        .param(repaired.back().current)
        .sql(" WHERE seq = ")
        .param(static_cast<long long>(entry.seq));
    conn.query(sql.str(), sql.params());
  }
  tx.commit();
  return repaired;
}

std::vector<std::string> accept_checksums(Connection& conn, const RevisionGraph& graph,
                                          const RuntimeOptions& options) {
  std::vector<std::string> ids;
  for (const ChecksumChange& change : repair_checksums(conn, graph, {}, options)) {
    ids.push_back(change.revision);
  }
  return ids;
}

}  // namespace retort

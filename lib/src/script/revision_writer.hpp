// Writing revision files: the project's template (migrations/script.yaml.tmpl) filled in with
// a revision's header and its operations, the file name from the config's file_template, and
// a write that is atomic and never replaces an existing file. The reader of these files is
// revision_file.cpp; every value written here reads back to exactly the value given.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "retort/revision.hpp"

namespace retort::detail::script {

// What a new revision file holds. `upgrade` and `downgrade` are YAML block sequences as
// emit_operations() renders them with an indent of 2 (comment lines allowed); empty means
// no operations ("[]").
struct RevisionFileContent {
  Revision header;  // id, down_revisions, branch_labels, depends_on, message, created
  std::string upgrade;
  std::string downgrade;
};

// Fills `tmpl`: each {{name}} (revision, down_revision, branch_labels, depends_on, message,
// created, upgrade, downgrade) becomes the YAML value of that field. A block value (a
// non-empty upgrade/downgrade) starts on the next line. Throws InputError at
// template_name:line:column for an unknown or unterminated placeholder.
std::string render_revision_template(std::string_view tmpl, std::string_view template_name,
                                     const RevisionFileContent& content);

// `text` as a YAML double-quoted scalar: quotes, backslashes and control characters escaped,
// other bytes (UTF-8) kept as they are.
std::string yaml_double_quoted(std::string_view text);
// `text` plain when it is a simple word ([A-Za-z0-9_.:-], not starting with '-' or '.', not
// ending with ':', not null/true/false/yes/no/on/off), else double-quoted.
std::string yaml_scalar(std::string_view text);

// The message in lower_snake_case ([a-z0-9] runs joined by '_'), cut to 40 characters.
std::string slugify(std::string_view message);

// "2026-11-22T10:00:00Z".
std::string iso_utc(std::chrono::system_clock::time_point time);

// The file name (without ".yaml") from the config's file_template: {rev} {slug} {year}
// {month} {day} {hour} {minute} {second} (UTC, zero-padded). Throws InputError naming
// `config_name` for an unknown placeholder or a name that is empty, starts with '.' or holds
// a path separator.
std::string render_file_name(std::string_view file_template, std::string_view config_name,
                             std::string_view rev, std::string_view message,
                             std::chrono::system_clock::time_point time);

// Writes `text` to a temporary file beside `path`, then links it to `path`: readers never see
// half a file, and an existing `path` is never replaced (InputError naming it then; nothing
// is left behind on any failure).
void write_new_file(const std::filesystem::path& path, std::string_view text);

}  // namespace retort::detail::script

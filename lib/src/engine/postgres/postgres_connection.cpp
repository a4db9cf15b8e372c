// The PostgreSQL ConnectionImpl: connecting with libpq, running statements, prepared
// statements, and reporting a broken connection as unhealthy.
#include "engine/postgres/postgres_connection.hpp"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>

namespace retort::postgres {

namespace {

// libpq connection keywords and values, in the order libpq should apply them; a later
// set() of the same keyword replaces the earlier value.
class ConnectParams {
 public:
  void set(std::string key, std::string value) {
    auto it = std::find(keys_.begin(), keys_.end(), key);
    if (it != keys_.end()) {
      values_[static_cast<std::size_t>(it - keys_.begin())] = std::move(value);
      return;
    }
    keys_.push_back(std::move(key));
    values_.push_back(std::move(value));
  }
  // NULL-terminated arrays for PQconnectStartParams; valid while this object lives.
  std::vector<const char*> keywords() const { return c_strings(keys_); }
  std::vector<const char*> values() const { return c_strings(values_); }

 private:
  static std::vector<const char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<const char*> out;
    for (const auto& s : strings) out.push_back(s.c_str());
    out.push_back(nullptr);
    return out;
  }
  std::vector<std::string> keys_;
  std::vector<std::string> values_;
};

// Every URL query key is passed to libpq as is (sslmode, options, target_session_attrs,
// ...), so it may override the defaults set first.
ConnectParams connect_params(const Url& url, const EngineOptions& options) {
  ConnectParams params;
  params.set("application_name", "retort");
  params.set("connect_timeout", std::to_string(options.connect_timeout_s));
  if (!url.host.empty()) params.set("host", url.host);
  if (url.port) params.set("port", std::to_string(*url.port));
  if (!url.user.empty()) params.set("user", url.user);
  if (url.password) params.set("password", *url.password);
  if (!url.database.empty()) params.set("dbname", url.database);
  for (const auto& [key, value] : url.query) params.set(key, value);
  return params;
}

// Seconds to wait for the server, as libpq reads connect_timeout: 0 or less waits forever,
// and 1 means 2.
int connect_timeout_s(const Url& url, const EngineOptions& options) {
  int seconds = options.connect_timeout_s;
  if (auto text = url.query_value("connect_timeout")) {
    int parsed = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), parsed);
    if (ec == std::errc() && end == text->data() + text->size()) seconds = parsed;
  }
  return seconds == 1 ? 2 : seconds;
}

enum class PollOutcome { kConnected, kFailed, kTimedOut };

// Drives PQconnectPoll as the libpq manual prescribes, with an overall deadline (libpq
// enforces connect_timeout only in its blocking PQconnectdb).
PollOutcome wait_until_connected(PGconn* conn, int timeout_s) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_s);
  if (PQstatus(conn) == CONNECTION_BAD) return PollOutcome::kFailed;
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED) return PollOutcome::kFailed;
    pollfd fd{PQsocket(conn), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT),
              0};
    int wait_ms = -1;
    if (timeout_s > 0) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return PollOutcome::kTimedOut;
      wait_ms = static_cast<int>(left);
    }
    const int ready = ::poll(&fd, 1, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return PollOutcome::kTimedOut;
    state = PQconnectPoll(conn);
  }
  return PollOutcome::kConnected;
}

// "28P01: ...": five upper-case letters or digits, then ": ".
bool is_sqlstate_prefix(std::string_view text) {
  if (text.size() < 7 || text.substr(5, 2) != ": ") return false;
  return std::all_of(text.begin(), text.begin() + 5,
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

struct ConnectFailure {
  std::string message;   // libpq's text, one line, without SQLSTATE or LOCATION
  std::string sqlstate;  // of the server's refusal, when the server refused
  std::string primary;   // the server's message, when the server refused
};

// Reads libpq's verbose connection error, in which a server refusal appears as
// `... failed: FATAL:  28P01: password authentication failed for user "x"`.
ConnectFailure parse_connect_error(std::string_view text) {
  ConnectFailure failure;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    start = end + 1;
    line.erase(0, line.find_first_not_of(" \t"));
    if (line.empty() || line.starts_with("LOCATION:")) continue;
    for (std::string_view severity : {"FATAL:  ", "ERROR:  "}) {
      const auto at = line.find(severity);
      if (at == std::string::npos) continue;
      const auto code_at = at + severity.size();
      if (!is_sqlstate_prefix(std::string_view(line).substr(code_at))) continue;
      failure.sqlstate = line.substr(code_at, 5);
      failure.primary = line.substr(code_at + 7);
      line.erase(code_at, 7);
    }
    if (!failure.message.empty()) failure.message += "; ";
    failure.message += line;
  }
  return failure;
}

// libpq does not echo passwords, but a message must never carry one: replace any
// occurrence (passwords shorter than 4 characters would mangle ordinary words instead).
std::string scrub_password(std::string text, const Url& url) {
  for (const std::string& secret : url.secrets()) {
    if (secret.size() < 4) continue;
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
      text.replace(at, secret.size(), "***");
  }
  return text;
}

}  // namespace

std::unique_ptr<PostgresConnection> PostgresConnection::open(const Url& url,
                                                             const EngineOptions& options) {
  auto connection = std::make_unique<PostgresConnection>(Passkey{}, options.logger);
  connection->connect(url, options);
  return connection;
}

void PostgresConnection::connect(const Url& url, const EngineOptions& options) {
  const std::string prefix = "postgresql: connecting to " + url.redacted() + ": ";
  const ConnectParams params = connect_params(url, options);
  const auto keywords = params.keywords();
  const auto values = params.values();
  conn_.reset(PQconnectStartParams(keywords.data(), values.data(), 0), PgConnDeleter{});
  if (!conn_.get()) throw DatabaseError(prefix + "out of memory");
  // Verbose errors are the one way libpq exposes the SQLSTATE of a refused login.
  PQsetErrorVerbosity(conn_.get(), PQERRORS_VERBOSE);
  PQsetNoticeReceiver(conn_.get(), &PostgresConnection::on_notice, this);

  const int timeout_s = connect_timeout_s(url, options);
  switch (wait_until_connected(conn_.get(), timeout_s)) {
    case PollOutcome::kConnected:
      break;
    case PollOutcome::kTimedOut:
      throw DatabaseError(prefix + "timeout expired after " + std::to_string(timeout_s) + " s");
    case PollOutcome::kFailed: {
      ConnectFailure failure = parse_connect_error(PQerrorMessage(conn_.get()));
      std::string message = prefix + scrub_password(failure.message, url);
      if (!failure.sqlstate.empty()) message += " (SQLSTATE " + failure.sqlstate + ")";
      throw DatabaseError(message, failure.sqlstate, scrub_password(failure.primary, url));
    }
  }
  PQsetErrorVerbosity(conn_.get(), PQERRORS_DEFAULT);
  // quote_literal only doubles quotes: with standard_conforming_strings off (a server, database
  // or role setting), a backslash would escape the closing quote and let a value end its
  // literal early. The server reports the setting at start-up, so this costs nothing when on.
  const char* standard_strings = PQparameterStatus(conn_.get(), "standard_conforming_strings");
  if (!standard_strings || std::string_view(standard_strings) != "on") {
    execute("SET standard_conforming_strings = on");
  }
}

void PostgresConnection::on_notice(void* self, const PGresult* notice) {
  const auto* connection = static_cast<const PostgresConnection*>(self);
  if (!connection->logger_) return;
  const char* severity = PQresultErrorField(notice, PG_DIAG_SEVERITY_NONLOCALIZED);
  const char* primary = PQresultErrorField(notice, PG_DIAG_MESSAGE_PRIMARY);
  const std::string_view level_name = severity ? severity : "NOTICE";
  const LogLevel level = level_name == "WARNING" ? LogLevel::kWarning : LogLevel::kDebug;
  // Called from inside libpq (C): nothing may propagate.
  try {
    connection->logger_(level, "postgresql: " + std::string(level_name) + ": " +
                                   (primary ? primary : PQresultErrorMessage(notice)));
  } catch (...) {
  }
}

const Dialect& PostgresConnection::dialect() const { return detail::postgres_dialect(); }

void PostgresConnection::execute(std::string_view sql) {
  const std::string text(sql);
  PgResult result(PQexec(conn_.get(), text.c_str()));
  check_result(conn_.get(), result.get(), sql);
}

Result PostgresConnection::query(std::string_view sql, const std::vector<Value>& params) {
  const std::string text(sql);
  const EncodedParams encoded = encode_params(params);
  PgResult result(PQexecParams(conn_.get(), text.c_str(), encoded.count(), encoded.types.data(),
                               encoded.values.data(), encoded.lengths.data(),
                               encoded.formats.data(), 0));
  check_result(conn_.get(), result.get(), sql);
  return convert_result(*result);
}

std::unique_ptr<detail::StatementImpl> PostgresConnection::prepare(std::string_view sql) {
  std::string name = "retort_stmt_" + std::to_string(++statement_counter_);
  std::string text(sql);
  PgResult result(PQprepare(conn_.get(), name.c_str(), text.c_str(), 0, nullptr));
  check_result(conn_.get(), result.get(), sql);
  return std::make_unique<PostgresStatement>(conn_, std::move(name), std::move(text));
}

// A server that closed the connection (pg_terminate_backend, a restart) shows only once
// libpq reads from the socket, so read whatever is pending, without blocking, first.
bool PostgresConnection::healthy() const {
  PGconn* conn = conn_.get();
  if (!conn || PQstatus(conn) != CONNECTION_OK) return false;
  for (int i = 0; i < 8 && PQstatus(conn) == CONNECTION_OK; ++i) {
    pollfd fd{PQsocket(conn), POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0) break;
    if (!PQconsumeInput(conn)) break;
  }
  if (PQstatus(conn) != CONNECTION_OK) return false;
  const PGTransactionStatusType status = PQtransactionStatus(conn);
  return status == PQTRANS_IDLE || status == PQTRANS_INTRANS;
}

bool PostgresConnection::in_transaction() const {
  return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE &&
         PQtransactionStatus(conn_.get()) != PQTRANS_UNKNOWN;
}

}  // namespace retort::postgres

namespace retort::detail {

std::unique_ptr<ConnectionImpl> open_postgres(const Url& url, const EngineOptions& options) {
  return postgres::PostgresConnection::open(url, options);
}

}  // namespace retort::detail

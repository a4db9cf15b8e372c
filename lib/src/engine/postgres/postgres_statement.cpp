// Server-side prepared statements: PQprepare once, PQexecPrepared per execution,
// DEALLOCATE when the statement is destroyed.
#include "engine/postgres/postgres_connection.hpp"
#include "engine/sql_builder.hpp"

namespace retort::postgres {

PostgresStatement::~PostgresStatement() {
  const std::shared_ptr<PGconn> conn = conn_.lock();
  if (!conn || PQstatus(conn.get()) != CONNECTION_OK) return;
  // In a failed transaction DEALLOCATE would fail too; the statement then lives until the
  // connection closes, which is harmless.
  if (PQtransactionStatus(conn.get()) == PQTRANS_INERROR) return;
  try {
    const std::string sql = "DEALLOCATE " + quote_identifier(name_);
    PgResult result(PQexec(conn.get(), sql.c_str()));
  } catch (...) {
  }
}

Result PostgresStatement::execute(const std::vector<Value>& params) {
  const std::shared_ptr<PGconn> conn = conn_.lock();
  if (!conn) {
    throw DatabaseError("postgresql: " + sql_excerpt(sql_) +
                        ": the connection of this prepared statement is closed");
  }
  const EncodedParams encoded = encode_params(params);
  PgResult result(PQexecPrepared(conn.get(), name_.c_str(), encoded.count(), encoded.values.data(),
                                 encoded.lengths.data(), encoded.formats.data(), 0));
  check_result(conn.get(), result.get(), sql_);
  return convert_result(*result);
}

}  // namespace retort::postgres

/* The raw PostgreSQL baseline of the seed benchmark: what a minimal C program using libpq
 * directly reaches. One transaction, COPY bench_row FROM STDIN in text format, rows encoded
 * into a 256 KiB buffer sent with PQputCopyData, then PQputCopyEnd and the result checked.
 *
 *   retort_bench_raw_pg CONNINFO ROWS
 *
 * prints "rows R seconds S rows_per_second N cpu_seconds C" (C: the CPU time of this process
 * and of its server backend, which must run on this machine).
 *
 * The database must not hold a bench_row table; the program creates it. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "seed_rows.h"

#define CHUNK (256 * 1024)

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void exec_ok(PGconn* conn, const char* sql, ExecStatusType expected) {
  PGresult* result = PQexec(conn, sql);
  if (PQresultStatus(result) != expected) {
    fprintf(stderr, "raw pg: %s: %s", sql, PQerrorMessage(conn));
    exit(1);
  }
  PQclear(result);
}

static void put(PGconn* conn, const char* data, size_t size) {
  if (PQputCopyData(conn, data, (int)size) != 1) {
    fprintf(stderr, "raw pg: PQputCopyData: %s", PQerrorMessage(conn));
    exit(1);
  }
}

/* One COPY text line for `row` at out; returns its length. */
static size_t encode(const struct seed_row* row, char* out) {
  char* p = out;
  p += seed_digits((unsigned long long)row->id, p);
  *p++ = '\t';
  memcpy(p, row->name, (size_t)row->name_len);
  p += row->name_len;
  *p++ = '\t';
  memcpy(p, row->email, (size_t)row->email_len);
  p += row->email_len;
  *p++ = '\t';
  p += seed_digits((unsigned long long)row->amount, p);
  *p++ = '\t';
  memcpy(p, row->created, 19);
  p += 19;
  *p++ = '\t';
  *p++ = row->active ? 't' : 'f';
  *p++ = '\n';
  return (size_t)(p - out);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s CONNINFO ROWS\n", argv[0]);
    return 2;
  }
  const long total = atol(argv[2]);
  PGconn* conn = PQconnectdb(argv[1]);
  if (PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "raw pg: connecting: %s", PQerrorMessage(conn));
    return 1;
  }
  exec_ok(conn, SEED_TABLE_SQL, PGRES_COMMAND_OK);

  char* buffer = malloc(CHUNK + 512);
  size_t used = 0;
  struct seed_row row;
  const long backend = PQbackendPID(conn);
  const double start = now_seconds();
  const double cpu_start = seed_own_cpu_seconds() + seed_cpu_seconds_of(backend);
  exec_ok(conn, "BEGIN", PGRES_COMMAND_OK);
  exec_ok(conn, "COPY bench_row (id, name, email, amount, created, active) FROM STDIN",
          PGRES_COPY_IN);
  for (long i = 1; i <= total; ++i) {
    seed_make_row(i, &row);
    used += encode(&row, buffer + used);
    if (used >= CHUNK) {
      put(conn, buffer, used);
      used = 0;
    }
  }
  if (used) put(conn, buffer, used);
  if (PQputCopyEnd(conn, NULL) != 1) {
    fprintf(stderr, "raw pg: PQputCopyEnd: %s", PQerrorMessage(conn));
    return 1;
  }
  PGresult* result = PQgetResult(conn);
  if (PQresultStatus(result) != PGRES_COMMAND_OK) {
    fprintf(stderr, "raw pg: COPY: %s", PQerrorMessage(conn));
    return 1;
  }
  PQclear(result);
  while ((result = PQgetResult(conn)) != NULL) PQclear(result);
  exec_ok(conn, "COMMIT", PGRES_COMMAND_OK);
  const double seconds = now_seconds() - start;
  const double cpu = seed_own_cpu_seconds() + seed_cpu_seconds_of(backend) - cpu_start;
  printf("rows %ld seconds %.3f rows_per_second %.0f cpu_seconds %.3f\n", total, seconds,
         (double)total / seconds, cpu);
  free(buffer);
  PQfinish(conn);
  return 0;
}

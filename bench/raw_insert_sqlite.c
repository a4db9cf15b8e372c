/* The raw SQLite baseline of the seed benchmark: what a minimal C program using the sqlite3
 * API directly reaches. One transaction, one prepared multi-row INSERT of `batch` rows reused
 * for every full batch (a second one for the remainder), values bound in place with
 * SQLITE_STATIC from buffers that live until the step.
 *
 *   retort_bench_raw_sqlite FILE ROWS [BATCH]
 *
 * prints "rows R seconds S rows_per_second N cpu_seconds C" (C: this process's CPU time).
 *
 * FILE must not hold a bench_row table (a fresh file); the program creates it. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "seed_rows.h"

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void check(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
  fprintf(stderr, "raw sqlite: %s: %s\n", what, sqlite3_errmsg(db));
  exit(1);
}

static sqlite3_stmt* prepare_insert(sqlite3* db, long rows) {
  size_t size = 128 + (size_t)rows * 16;
  char* sql = malloc(size);
  size_t n = (size_t)snprintf(sql, size,
                              "INSERT INTO bench_row (id, name, email, amount, created, active) "
                              "VALUES ");
  for (long r = 0; r < rows; ++r)
    n += (size_t)snprintf(sql + n, size - n, "%s(?,?,?,?,?,?)", r ? "," : "");
  sqlite3_stmt* stmt = NULL;
  check(db, sqlite3_prepare_v2(db, sql, (int)n, &stmt, NULL), "prepare");
  free(sql);
  return stmt;
}

/* Binds rows[0..count) and runs the statement once. */
static void run(sqlite3* db, sqlite3_stmt* stmt, const struct seed_row* rows, long count) {
  for (long r = 0; r < count; ++r) {
    const struct seed_row* row = &rows[r];
    int p = (int)(r * 6);
    sqlite3_bind_int64(stmt, p + 1, row->id);
    sqlite3_bind_text(stmt, p + 2, row->name, row->name_len, SQLITE_STATIC);
    sqlite3_bind_text(stmt, p + 3, row->email, row->email_len, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, p + 4, row->amount);
    sqlite3_bind_text(stmt, p + 5, row->created, 19, SQLITE_STATIC);
    sqlite3_bind_int(stmt, p + 6, row->active);
  }
  check(db, sqlite3_step(stmt), "insert");
  sqlite3_reset(stmt);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s FILE ROWS [BATCH]\n", argv[0]);
    return 2;
  }
  const long total = atol(argv[2]);
  const long batch = argc > 3 ? atol(argv[3]) : 500; /* SessionOptions::batch_size */
  sqlite3* db = NULL;
  check(db, sqlite3_open(argv[1], &db), "open");
  check(db, sqlite3_exec(db, SEED_TABLE_SQL, NULL, NULL, NULL), "create table");

  struct seed_row* rows = malloc(sizeof(struct seed_row) * (size_t)batch);
  const double start = now_seconds();
  const double cpu_start = seed_own_cpu_seconds();
  check(db, sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), "begin");
  sqlite3_stmt* full = prepare_insert(db, batch);
  long held = 0;
  for (long i = 1; i <= total; ++i) {
    seed_make_row(i, &rows[held]);
    if (++held == batch) {
      run(db, full, rows, held);
      held = 0;
    }
  }
  if (held) {
    sqlite3_stmt* rest = prepare_insert(db, held);
    run(db, rest, rows, held);
    sqlite3_finalize(rest);
  }
  sqlite3_finalize(full);
  check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
  const double seconds = now_seconds() - start;
  const double cpu = seed_own_cpu_seconds() - cpu_start;
  printf("rows %ld seconds %.3f rows_per_second %.0f cpu_seconds %.3f\n", total, seconds,
         (double)total / seconds, cpu);
  free(rows);
  sqlite3_close(db);
  return 0;
}

/* The rows of the seed benchmark, generated the same way by retort_bench_seed and by the raw
 * C programs it compares with (raw_insert_sqlite.c, raw_insert_pg.c): row i of the table
 *
 *   bench_row (id integer PRIMARY KEY, name varchar(40), email varchar(80), amount integer,
 *              created timestamp, active boolean)
 *
 * Formatting is hand-written rather than snprintf so that generating a row costs little
 * next to writing it; every program pays the same for it. */
#ifndef RETORT_BENCH_SEED_ROWS_H
#define RETORT_BENCH_SEED_ROWS_H

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SEED_TABLE_SQL                                                                    \
  "CREATE TABLE bench_row (id integer PRIMARY KEY, name varchar(40), email varchar(80), " \
  "amount integer, created timestamp, active boolean)"

struct seed_row {
  long long id;
  char name[48];
  int name_len;
  char email[96];
  int email_len;
  long long amount;
  char created[24]; /* "2026-MM-DD hh:mm:ss" */
  int active;
};

/* Writes the decimal digits of v (>= 0) at out; returns their count. */
static inline int seed_digits(unsigned long long v, char* out) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  for (int i = 0; i < n; ++i) out[i] = tmp[n - 1 - i];
  return n;
}

static inline void seed_two(int v, char* out) {
  out[0] = (char)('0' + v / 10);
  out[1] = (char)('0' + v % 10);
}

static inline void seed_make_row(long long i, struct seed_row* row) {
  static const char* const kFirst[8] = {"Ada ",     "Grace ", "Alan ",   "Edsger ",
                                        "Barbara ", "Ken ",   "Donald ", "Frances "};
  row->id = i;
  const char* first = kFirst[i & 7];
  int n = (int)strlen(first);
  memcpy(row->name, first, (size_t)n);
  memcpy(row->name + n, "Person", 6);
  n += 6;
  n += seed_digits((unsigned long long)i, row->name + n);
  row->name_len = n;
  memcpy(row->email, "user", 4);
  n = 4 + seed_digits((unsigned long long)i, row->email + 4);
  memcpy(row->email + n, "@example.com", 12);
  row->email_len = n + 12;
  row->amount = (i * 7919) % 1000000;
  const long long day = i / 86400, second = i % 86400;
  memcpy(row->created, "2026-01-01 00:00:00", 20);
  seed_two((int)(1 + (day / 28) % 12), row->created + 5);
  seed_two((int)(1 + day % 28), row->created + 8);
  seed_two((int)(second / 3600), row->created + 11);
  seed_two((int)(second / 60 % 60), row->created + 14);
  seed_two((int)(second % 60), row->created + 17);
  row->active = i % 3 != 0;
}

/* CPU seconds (user + system) this process has used. */
static inline double seed_own_cpu_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) process `pid` has used, from /proc (a local PostgreSQL
 * backend); 0 when unreadable. On a machine shared with other work, CPU time measures the
 * cost of a load far more steadily than wall time. */
static inline double seed_cpu_seconds_of(long pid) {
  char path[64], text[1024];
  snprintf(path, sizeof path, "/proc/%ld/stat", pid);
  FILE* f = fopen(path, "r");
  if (!f) return 0;
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = 0;
  const char* p = strrchr(text, ')'); /* the command name may hold spaces */
  unsigned long long utime = 0, stime = 0;
  if (!p ||
      sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2) {
    return 0;
  }
  return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

#endif

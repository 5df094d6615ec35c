#ifndef AGGREGATE_CSQLITE_SHIM_H
#define AGGREGATE_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift cannot import.
static inline int asqlite_bind_text(sqlite3_stmt *s, int i, const char *v, int n) { return sqlite3_bind_text(s, i, v, n, SQLITE_TRANSIENT); }
static inline int asqlite_bind_blob(sqlite3_stmt *s, int i, const void *v, int n) { return sqlite3_bind_blob(s, i, v, n, SQLITE_TRANSIENT); }
// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global mutex at every
// allocation; nothing reads them. Effective only before SQLite initializes (SQLITE_MISUSE after: harmless).
static inline int asqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif

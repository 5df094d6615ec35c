#ifndef AGGREGATE_CSQLITE_SHIM_H
#define AGGREGATE_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_STATIC is a cast macro that Swift cannot import. The values are not copied: the caller keeps the bytes
// in place until they are unbound. The text is zero-terminated.
static inline int asqlite_bind_static_text(sqlite3_stmt *s, int i, const char *v) { return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC); }
static inline int asqlite_bind_static_blob(sqlite3_stmt *s, int i, const void *v, int n) { return sqlite3_bind_blob(s, i, v, n, SQLITE_STATIC); }
// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global mutex at every
// allocation; nothing reads them. Effective only before SQLite initializes (SQLITE_MISUSE after: harmless).
static inline int asqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif

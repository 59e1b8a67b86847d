/**
 * The JDBC store: {@link org.authnz.store.jdbc.JdbcStore} over SQLite (the embedded default),
 * PostgreSQL and MariaDB, with the reference schema as schema version 1.
 */
@NullMarked
package org.authnz.store.jdbc;

import org.jspecify.annotations.NullMarked;

/**
 * Internals of the JDBC store: value encodings, row mapping, schema migration and error
 * translation. Public for use across packages only; not API.
 */
@NullMarked
package org.authnz.store.jdbc.internal;

import org.jspecify.annotations.NullMarked;

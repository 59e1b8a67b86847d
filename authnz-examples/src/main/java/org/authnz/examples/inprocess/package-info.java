/** Example: authnz in-process on an SQLite file. */
@NullMarked
package org.authnz.examples.inprocess;

import org.jspecify.annotations.NullMarked;

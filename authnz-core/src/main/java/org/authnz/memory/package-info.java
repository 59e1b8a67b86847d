/** An in-memory {@link org.authnz.spi.AuthnzStore}, for tests and single-process use. */
@NullMarked
package org.authnz.memory;

import org.jspecify.annotations.NullMarked;

/** The authnz API: {@link org.authnz.AuthnzService}, its builder, results and value types. */
@NullMarked
package org.authnz;

import org.jspecify.annotations.NullMarked;

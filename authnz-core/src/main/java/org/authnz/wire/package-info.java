/** The wire mapping of authnzerver's actions onto {@link org.authnz.AuthnzService}. */
@NullMarked
package org.authnz.wire;

import org.jspecify.annotations.NullMarked;

/** Example: authnz as a sidecar, called through AuthnzClient. */
@NullMarked
package org.authnz.examples.sidecar;

import org.jspecify.annotations.NullMarked;

/** The account walk that both the in-process and the sidecar example run. */
@NullMarked
package org.authnz.examples.walk;

import org.jspecify.annotations.NullMarked;

/** The permission policy's loader and evaluator. Not API. */
@NullMarked
package org.authnz.internal.policy;

import org.jspecify.annotations.NullMarked;

/** The sizes of the stored text columns that requests fill. Not API. */
@NullMarked
package org.authnz.internal.columns;

import org.jspecify.annotations.NullMarked;

/** Log-safe renderings of personal data. Not API. */
@NullMarked
package org.authnz.internal.logging;

import org.jspecify.annotations.NullMarked;

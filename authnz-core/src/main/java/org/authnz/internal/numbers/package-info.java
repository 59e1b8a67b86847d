/** The syntax of Python's number literals, shared by the conversions that need it. Not API. */
@NullMarked
package org.authnz.internal.numbers;

import org.jspecify.annotations.NullMarked;

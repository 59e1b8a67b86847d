/** Password hashing, the password policy and e-mail checks. Not API. */
@NullMarked
package org.authnz.internal.password;

import org.jspecify.annotations.NullMarked;

/** SMTP sending and the verification e-mail texts. Not API. */
@NullMarked
package org.authnz.internal.mail;

import org.jspecify.annotations.NullMarked;

/**
 * A small server-rendered web frontend on authnz in-process: sign-up, e-mail verification, login, a
 * private page and logout, with session cookies and CSRF-protected forms. Run {@link
 * org.authnz.examples.web.WebExample}.
 */
@NullMarked
package org.authnz.examples.web;

import org.jspecify.annotations.NullMarked;

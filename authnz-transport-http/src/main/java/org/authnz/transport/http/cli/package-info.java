/**
 * The {@code authnzrv} command line: authnzerver's flags, {@code AUTHNZERVER_*} environment
 * variables and env files resolved into {@link org.authnz.transport.http.cli.ServerSettings}, the
 * sidecar start-up, and {@code --autosetup}.
 *
 * <p>Not API: the entry point is the {@code authnzrv} launcher or {@code java -jar}.
 */
@NullMarked
package org.authnz.transport.http.cli;

import org.jspecify.annotations.NullMarked;

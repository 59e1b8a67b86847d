/**
 * Internals of the sidecar server: routing, the {@code POST /} pipeline, {@code /health}, error
 * bodies and the rate-limit seam. Public types here are not API.
 */
@NullMarked
package org.authnz.transport.http.internal;

import org.jspecify.annotations.NullMarked;

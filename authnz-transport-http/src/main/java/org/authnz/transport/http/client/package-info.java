/**
 * {@link org.authnz.transport.http.client.AuthnzClient}: the {@link org.authnz.AuthnzService} API
 * over HTTP, talking to an authnz (or authnzerver) sidecar.
 */
@NullMarked
package org.authnz.transport.http.client;

import org.jspecify.annotations.NullMarked;

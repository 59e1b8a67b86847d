/**
 * The authnzerver wire protocol: the {@link org.authnz.transport.http.protocol.Fernet} codec and
 * the double-base64 {@link org.authnz.transport.http.protocol.WireCodec}, public because clients
 * need them too.
 */
@NullMarked
package org.authnz.transport.http.protocol;

import org.jspecify.annotations.NullMarked;

/** The storage SPI: what a store must provide to back an {@link org.authnz.AuthnzService}. */
@NullMarked
package org.authnz.spi;

import org.jspecify.annotations.NullMarked;

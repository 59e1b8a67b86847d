/**
 * Request rate limiting and failed-login throttling ({@code spec/rate-limits.md}): the {@link
 * org.authnz.limits.CounterStore} SPI with an in-process and a Redis implementation (the JDBC store
 * module adds one in the auth database), the lifetime-average {@link
 * org.authnz.limits.RequestRateLimiter} and the {@link org.authnz.limits.FailedLoginThrottle}.
 */
@NullMarked
package org.authnz.limits;

import org.jspecify.annotations.NullMarked;

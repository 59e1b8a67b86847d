/**
 * The role/item permission policy: {@link org.authnz.policy.PermissionPolicy}, loaded from the
 * policy JSON of {@code permissions.md} and deciding access and limits without touching a store.
 */
@NullMarked
package org.authnz.policy;

import org.jspecify.annotations.NullMarked;

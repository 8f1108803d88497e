package org.campaigndelivery.security;

import java.util.Set;

/**
 * The authenticated caller of a request and the groups it belongs to: who did what, for
 * the records. Whether it may is decided before the request reaches a controller, by
 * {@link AccessRules}.
 */
public record CurrentUser(String id, Set<String> groups) {

}

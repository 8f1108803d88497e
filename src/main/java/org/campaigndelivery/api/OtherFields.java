package org.campaigndelivery.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code Map<String, Object>} component of a request record that takes the
 * object's fields no other component names, each a string, number, boolean or null (a
 * recipient's personalisation fields); a record without one refuses unknown fields.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface OtherFields {

}
